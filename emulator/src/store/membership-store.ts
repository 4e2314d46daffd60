import type { DatabaseSync } from "node:sqlite";

/** Persists which users belong to which customers (D7); `userCount` derives from it. */
export class MembershipStore {
  constructor(private readonly db: DatabaseSync) {}

  /** Adds a member; adding an existing member changes nothing. */
  add(customerId: string, userId: string): void {
    this.db
      .prepare("INSERT OR IGNORE INTO memberships (customer_id, user_id) VALUES (?, ?)")
      .run(customerId, userId);
  }

  /** Removes a member and tells whether the user was one. */
  remove(customerId: string, userId: string): boolean {
    const result = this.db
      .prepare("DELETE FROM memberships WHERE customer_id = ? AND user_id = ?")
      .run(customerId, userId);

    return Number(result.changes) > 0;
  }
}
