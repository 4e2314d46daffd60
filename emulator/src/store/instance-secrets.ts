import { randomBytes } from "node:crypto";
import type { DatabaseSync } from "node:sqlite";

const SECRET_BYTES = 32;

/**
 * Returns the database's secret named `name`, drawn at random the first time it is asked for.
 * It lives in the database, so whatever it signs stays valid across restarts on the same file.
 */
export function instanceSecret(db: DatabaseSync, name: string): Buffer {
  db.prepare("INSERT OR IGNORE INTO instance_secrets (name, value_hex) VALUES (?, ?)").run(
    name,
    randomBytes(SECRET_BYTES).toString("hex"),
  );

  const row = db.prepare("SELECT value_hex FROM instance_secrets WHERE name = ?").get(name) as {
    value_hex: string;
  };

  return Buffer.from(row.value_hex, "hex");
}
