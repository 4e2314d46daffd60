import type { DatabaseSync } from "node:sqlite";

import type { Clock } from "../clock";
import { CustomerStore } from "./customer-store";
import { inTransaction, openDatabase } from "./database";
import { instanceSecret } from "./instance-secrets";
import { KeyStore } from "./key-store";
import { MembershipStore } from "./membership-store";
import { UserStore } from "./user-store";

/** Options for {@link EmulatorStore}. */
export interface EmulatorStoreOptions {
  /** A SQLite file path, or `:memory:`. */
  db: string;
  clock: Clock;
  uniqueNames: boolean;
}

/** All persistent state of one emulator: keys, users, customers and memberships in one database. */
export class EmulatorStore {
  readonly keys: KeyStore;
  readonly users: UserStore;
  readonly customers: CustomerStore;
  readonly memberships: MembershipStore;
  /** Signs list cursors; kept in the database, so cursors outlive a restart on the same file. */
  readonly cursorSecret: Buffer;
  private readonly db: DatabaseSync;

  constructor(options: EmulatorStoreOptions) {
    this.db = openDatabase(options.db);
    this.keys = new KeyStore(this.db, options.clock);
    this.users = new UserStore(this.db, options.clock);
    this.customers = new CustomerStore(this.db, options.clock, options.uniqueNames);
    this.memberships = new MembershipStore(this.db);
    this.cursorSecret = instanceSecret(this.db, "cursor_hmac");
  }

  /** Removes customers, memberships and users; keys and secrets stay so clients keep working. */
  reset(): void {
    inTransaction(this.db, () => {
      this.db.exec("DELETE FROM memberships; DELETE FROM customers; DELETE FROM users;");
    });
  }

  /** Closes the database; nothing may use the store afterwards. */
  close(): void {
    if (this.db.isOpen) this.db.close();
  }
}
