import { DatabaseSync } from "node:sqlite";

/** The value of `--db` that keeps everything in memory. */
export const IN_MEMORY_DB = ":memory:";

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS api_keys (
    key_sha256 TEXT PRIMARY KEY,
    api_key_id TEXT NOT NULL UNIQUE,
    clinic TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE TABLE IF NOT EXISTS users (
    user_id TEXT PRIMARY KEY,
    created_at TEXT NOT NULL
  );
  CREATE TABLE IF NOT EXISTS customers (
    customer_id TEXT PRIMARY KEY,
    clinic TEXT NOT NULL,
    name TEXT NOT NULL,
    metadata_json TEXT NOT NULL,
    is_active INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    created_by_api_key_id TEXT NOT NULL
  );
  CREATE INDEX IF NOT EXISTS customers_by_clinic_order
    ON customers (clinic, created_at, customer_id);
  CREATE INDEX IF NOT EXISTS customers_by_clinic_name ON customers (clinic, name);
  CREATE INDEX IF NOT EXISTS customers_by_created_at ON customers (created_at);
  CREATE TABLE IF NOT EXISTS memberships (
    customer_id TEXT NOT NULL REFERENCES customers (customer_id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
    PRIMARY KEY (customer_id, user_id)
  );
  CREATE TABLE IF NOT EXISTS instance_secrets (
    name TEXT PRIMARY KEY,
    value_hex TEXT NOT NULL
  );
`;

/**
 * Opens (and creates if needed) the emulator's SQLite database: a file path, or `:memory:`.
 * Files use WAL so that a crash never leaves half a write and readers never block the writer.
 */
export function openDatabase(location: string): DatabaseSync {
  const db = new DatabaseSync(location);

  db.exec("PRAGMA foreign_keys = ON");
  db.exec("PRAGMA busy_timeout = 5000");

  if (location !== IN_MEMORY_DB) {
    db.exec("PRAGMA journal_mode = WAL");
    db.exec("PRAGMA synchronous = NORMAL");
  }

  db.exec(SCHEMA);

  return db;
}

/**
 * Runs `work` in one write transaction: it commits when `work` returns and rolls back when it
 * throws, so a failed request leaves no partial change behind.
 */
export function inTransaction<T>(db: DatabaseSync, work: () => T): T {
  db.exec("BEGIN IMMEDIATE");

  try {
    const result = work();
    db.exec("COMMIT");
    return result;
  } catch (error) {
    db.exec("ROLLBACK");
    throw error;
  }
}
