import { createHmac, timingSafeEqual } from "node:crypto";

import { ApiError } from "./api-error";
import type { ListPosition } from "./store/customer-store";

// 128 bits: far beyond guessing, and the cursor stays short.
const MAC_BYTES = 16;

interface CursorPayload {
  createdAt: string;
  customerId: string;
}

function isCursorPayload(value: unknown): value is CursorPayload {
  if (typeof value !== "object" || value === null) return false;

  const candidate = value as Record<string, unknown>;

  return typeof candidate.createdAt === "string" && typeof candidate.customerId === "string";
}

function invalidCursor(): ApiError {
  return new ApiError(
    400,
    "invalid_cursor",
    "The cursor is not one this API returned. Pass the cursor of the previous page unchanged, " +
      "or leave it out to start from the first page.",
  );
}

/**
 * Encodes list positions as opaque base64url cursors and accepts only the ones it issued: each
 * carries an HMAC under the database's secret, so a forged or altered cursor is 400
 * `invalid_cursor` (D11). A keyset cursor (not an offset) stays correct when customers are
 * created between two page requests.
 */
export class CursorCodec {
  constructor(private readonly secret: Buffer) {}

  /** The cursor of the position after the last item of a page. */
  encode(position: ListPosition): string {
    const payload: CursorPayload = {
      createdAt: position.createdAt,
      customerId: position.customerId,
    };
    const json = Buffer.from(JSON.stringify(payload), "utf8");

    return Buffer.concat([this.mac(json), json]).toString("base64url");
  }

  /** The position of a cursor from {@link encode}, or throws 400 `invalid_cursor`. */
  decode(cursor: string): ListPosition {
    const bytes = Buffer.from(cursor, "base64url");

    // Buffer.from skips characters outside the alphabet: only the exact issued text is accepted.
    if (bytes.length <= MAC_BYTES || bytes.toString("base64url") !== cursor) throw invalidCursor();

    const json = bytes.subarray(MAC_BYTES);

    if (!timingSafeEqual(bytes.subarray(0, MAC_BYTES), this.mac(json))) throw invalidCursor();

    const payload = JSON.parse(json.toString("utf8")) as unknown;

    // Signed by us, so this holds unless the format changed under a persisted database.
    if (!isCursorPayload(payload)) throw invalidCursor();

    return { createdAt: payload.createdAt, customerId: payload.customerId };
  }

  private mac(json: Buffer): Buffer {
    return createHmac("sha256", this.secret).update(json).digest().subarray(0, MAC_BYTES);
  }
}
