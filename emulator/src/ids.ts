import { createHash, randomBytes, randomUUID } from "node:crypto";

/** Matches an Express customer ID: `cus_` and 32 lowercase hex digits. */
export const CUSTOMER_ID_PATTERN = /^cus_[0-9a-f]{32}$/;

/** Matches a user ID: `usr_` and 32 lowercase hex digits. */
export const USER_ID_PATTERN = /^usr_[0-9a-f]{32}$/;

/** Matches an API key secret: `sk_live_` and 32 lowercase hex digits. */
export const API_KEY_PATTERN = /^sk_live_[0-9a-f]{32}$/;

function hex32(): string {
  return randomBytes(16).toString("hex");
}

/** Returns a fresh Express customer ID. */
export function newCustomerId(): string {
  return `cus_${hex32()}`;
}

/** Returns a fresh user ID. */
export function newUserId(): string {
  return `usr_${hex32()}`;
}

/** Returns a fresh API key secret; only its SHA-256 is ever stored. */
export function newApiKey(): string {
  return `sk_live_${hex32()}`;
}

/** Returns the stable UUID that stands for an API key (`createdByApiKeyId`). */
export function newApiKeyId(): string {
  return randomUUID();
}

/** Returns a fresh admin token for the emulator-only admin API. */
export function newAdminToken(): string {
  return `adm_${hex32()}`;
}

/** Returns the hex SHA-256 of a secret, the form in which keys are stored and compared. */
export function sha256Hex(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}
