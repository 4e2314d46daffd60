import type { DatabaseSync } from "node:sqlite";

import type { Clock } from "../clock";
import { toTimestamp } from "../clock";
import { newApiKey, newApiKeyId, sha256Hex } from "../ids";

/** What an API key stands for: its stable UUID and the clinic it belongs to (D9). */
export interface ApiKeyIdentity {
  apiKeyId: string;
  clinic: string;
}

/** A key that was just created; the secret exists only here, never in the database. */
export interface CreatedApiKey extends ApiKeyIdentity {
  apiKey: string;
}

/** Persists API keys as SHA-256 digests with their clinic and stable UUID. */
export class KeyStore {
  constructor(
    private readonly db: DatabaseSync,
    private readonly clock: Clock,
  ) {}

  /** Looks up the identity behind a key secret, or `undefined` when the key is unknown. */
  identify(apiKey: string): ApiKeyIdentity | undefined {
    const row = this.db
      .prepare("SELECT api_key_id, clinic FROM api_keys WHERE key_sha256 = ?")
      .get(sha256Hex(apiKey)) as { api_key_id: string; clinic: string } | undefined;

    return row === undefined ? undefined : { apiKeyId: row.api_key_id, clinic: row.clinic };
  }

  /**
   * Registers a given key in `clinic` unless it is already known; a known key keeps its clinic
   * and UUID, so they stay stable across restarts.
   */
  ensure(apiKey: string, clinic: string): ApiKeyIdentity {
    const known = this.identify(apiKey);

    if (known !== undefined) return known;

    const identity = { apiKeyId: newApiKeyId(), clinic };
    this.db
      .prepare(
        "INSERT INTO api_keys (key_sha256, api_key_id, clinic, created_at) VALUES (?, ?, ?, ?)",
      )
      .run(sha256Hex(apiKey), identity.apiKeyId, clinic, toTimestamp(this.clock()));

    return identity;
  }

  /** Creates a brand-new key in `clinic`. */
  create(clinic: string): CreatedApiKey {
    const apiKey = newApiKey();

    return { apiKey, ...this.ensure(apiKey, clinic) };
  }

  /** Counts the stored keys, to tell an empty database from one that already has keys. */
  count(): number {
    const row = this.db.prepare("SELECT COUNT(*) AS n FROM api_keys").get() as { n: number };

    return row.n;
  }
}
