import type { DatabaseSync } from "node:sqlite";

import type { Clock } from "../clock";
import { toTimestamp } from "../clock";
import { newUserId } from "../ids";
import { inTransaction } from "./database";

/** Persists the users that can be added to customers; they are seeded through the admin API. */
export class UserStore {
  constructor(
    private readonly db: DatabaseSync,
    private readonly clock: Clock,
  ) {}

  /** Tells whether a user ID is known (D7: an unknown user is 404 `user_not_found`). */
  exists(userId: string): boolean {
    return this.db.prepare("SELECT 1 FROM users WHERE user_id = ?").get(userId) !== undefined;
  }

  /** Stores the given user IDs (already-known ones are kept) plus `count` new ones. */
  seed(userIds: readonly string[], count: number): string[] {
    const all = [...userIds, ...Array.from({ length: count }, newUserId)];
    const insert = this.db.prepare(
      "INSERT OR IGNORE INTO users (user_id, created_at) VALUES (?, ?)",
    );
    const now = toTimestamp(this.clock());

    inTransaction(this.db, () => {
      for (const userId of all) insert.run(userId, now);
    });

    return all;
  }
}
