import type { DatabaseSync } from "node:sqlite";

import { ApiError } from "../api-error";
import type { Clock } from "../clock";
import { timestampAfter } from "../clock";
import { newCustomerId } from "../ids";
import { inTransaction } from "./database";

/** A stored Express customer, as the routes see it. */
export interface CustomerRecord {
  customerId: string;
  clinic: string;
  name: string;
  metadata: Record<string, string>;
  isActive: boolean;
  createdAt: string;
  updatedAt: string;
  createdByApiKeyId: string;
  userCount: number;
}

/** The position after which a list page starts (D5 order: `createdAt`, then ID). */
export interface ListPosition {
  createdAt: string;
  customerId: string;
}

/** A change to a customer; `metadata: null` clears the map and an absent field is kept (D2). */
export interface CustomerChange {
  name?: string;
  metadata?: Record<string, string> | null;
}

interface CustomerRow {
  customer_id: string;
  clinic: string;
  name: string;
  metadata_json: string;
  is_active: number;
  created_at: string;
  updated_at: string;
  created_by_api_key_id: string;
  user_count: number;
}

const SELECT_CUSTOMER = `
  SELECT c.*, (SELECT COUNT(*) FROM memberships m WHERE m.customer_id = c.customer_id) AS user_count
  FROM customers c`;

function toRecord(row: CustomerRow): CustomerRecord {
  return {
    customerId: row.customer_id,
    clinic: row.clinic,
    name: row.name,
    metadata: JSON.parse(row.metadata_json) as Record<string, string>,
    isActive: row.is_active === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    createdByApiKeyId: row.created_by_api_key_id,
    userCount: row.user_count,
  };
}

function sameMetadata(a: Record<string, string>, b: Record<string, string>): boolean {
  const aKeys = Object.keys(a);

  return aKeys.length === Object.keys(b).length && aKeys.every((key) => b[key] === a[key]);
}

/**
 * Persists Express customers per clinic. Every method is scoped by clinic, so one clinic can
 * never read or change another's customers (D9).
 */
export class CustomerStore {
  constructor(
    private readonly db: DatabaseSync,
    private readonly clock: Clock,
    private readonly uniqueNames: boolean,
  ) {}

  /** Finds a customer of `clinic`, or `undefined` for unknown IDs and other clinics' IDs. */
  find(clinic: string, customerId: string): CustomerRecord | undefined {
    const row = this.db
      .prepare(`${SELECT_CUSTOMER} WHERE c.clinic = ? AND c.customer_id = ?`)
      .get(clinic, customerId) as CustomerRow | undefined;

    return row === undefined ? undefined : toRecord(row);
  }

  /**
   * Creates an active customer with no members (D1: 409 `name_taken` in unique-names mode). Its
   * `createdAt` is later than every other customer's in the database, by 1 ms if the clock has not
   * moved on: a new customer then always sorts last, so no list cursor can ever be past it.
   */
  create(
    clinic: string,
    createdByApiKeyId: string,
    name: string,
    metadata: Record<string, string>,
  ): CustomerRecord {
    const customerId = newCustomerId();

    inTransaction(this.db, () => {
      this.assertNameFree(clinic, name, undefined);
      const createdAt = this.nextCreatedAt();
      this.db
        .prepare(
          `INSERT INTO customers (customer_id, clinic, name, metadata_json, is_active,
             created_at, updated_at, created_by_api_key_id) VALUES (?, ?, ?, ?, 1, ?, ?, ?)`,
        )
        .run(
          customerId,
          clinic,
          name,
          JSON.stringify(metadata),
          createdAt,
          createdAt,
          createdByApiKeyId,
        );
    });

    return this.find(clinic, customerId)!;
  }

  /**
   * Applies a PATCH (D2, D6) and returns the customer; `updatedAt` moves only when a value
   * actually changed. Returns `undefined` when the customer is not visible to `clinic`.
   */
  update(clinic: string, customerId: string, change: CustomerChange): CustomerRecord | undefined {
    return inTransaction(this.db, () => {
      const current = this.find(clinic, customerId);

      if (current === undefined) return undefined;

      const name = change.name ?? current.name;
      const metadata =
        change.metadata === undefined ? current.metadata : (change.metadata ?? {});

      if (name === current.name && sameMetadata(metadata, current.metadata)) return current;

      if (name !== current.name) this.assertNameFree(clinic, name, customerId);

      this.db
        .prepare(
          "UPDATE customers SET name = ?, metadata_json = ?, updated_at = ? WHERE customer_id = ?",
        )
        .run(name, JSON.stringify(metadata), this.changedAt(current), customerId);

      return this.find(clinic, customerId);
    });
  }

  /** Deactivates or reactivates; idempotent, `updatedAt` unchanged when nothing changed (D4). */
  setActive(clinic: string, customerId: string, isActive: boolean): CustomerRecord | undefined {
    return inTransaction(this.db, () => {
      const current = this.find(clinic, customerId);

      if (current === undefined || current.isActive === isActive) return current;

      this.db
        .prepare("UPDATE customers SET is_active = ?, updated_at = ? WHERE customer_id = ?")
        .run(isActive ? 1 : 0, this.changedAt(current), customerId);

      return this.find(clinic, customerId);
    });
  }

  /**
   * Returns up to `limit` customers of `clinic` after `position`, in `createdAt` then ID order,
   * and whether more follow. Fetching one extra row means a page is never empty with more to come.
   */
  list(
    clinic: string,
    position: ListPosition | undefined,
    limit: number,
  ): { customers: CustomerRecord[]; hasMore: boolean } {
    const rows = (
      position === undefined
        ? this.db
            .prepare(
              `${SELECT_CUSTOMER} WHERE c.clinic = ? ORDER BY c.created_at, c.customer_id LIMIT ?`,
            )
            .all(clinic, limit + 1)
        : this.db
            .prepare(
              `${SELECT_CUSTOMER} WHERE c.clinic = ? AND (c.created_at, c.customer_id) > (?, ?)
               ORDER BY c.created_at, c.customer_id LIMIT ?`,
            )
            .all(clinic, position.createdAt, position.customerId, limit + 1)
    ) as unknown as CustomerRow[];

    return { customers: rows.slice(0, limit).map(toRecord), hasMore: rows.length > limit };
  }

  /** Counts customers per clinic, for the admin stats. */
  countByClinic(): Record<string, number> {
    const rows = this.db
      .prepare("SELECT clinic, COUNT(*) AS n FROM customers GROUP BY clinic ORDER BY clinic")
      .all() as unknown as { clinic: string; n: number }[];

    return Object.fromEntries(rows.map((row) => [row.clinic, row.n]));
  }

  // Across clinics too: one order for the whole database is the simplest that never goes back.
  private nextCreatedAt(): string {
    const row = this.db.prepare("SELECT MAX(created_at) AS latest FROM customers").get() as {
      latest: string | null;
    };

    return timestampAfter(this.clock(), row.latest ?? undefined);
  }

  // A change always moves updatedAt forward, and never before createdAt, which a burst of
  // creates may have pushed ahead of the clock.
  private changedAt(current: CustomerRecord): string {
    return timestampAfter(this.clock(), current.updatedAt);
  }

  private assertNameFree(clinic: string, name: string, exceptId: string | undefined): void {
    if (!this.uniqueNames) return;

    const taken = this.db
      .prepare("SELECT customer_id FROM customers WHERE clinic = ? AND name = ?")
      .all(clinic, name) as unknown as { customer_id: string }[];

    if (taken.some((row) => row.customer_id !== exceptId)) {
      // Deterministic: retrying cannot help, so tell the SDKs not to.
      throw new ApiError(
        409,
        "name_taken",
        `An Express customer named ${JSON.stringify(name)} already exists in this clinic ` +
          "(deactivated ones included). Choose another name or reactivate the existing customer.",
        undefined,
        { "x-should-retry": "false" },
      );
    }
  }
}
