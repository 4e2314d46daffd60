import { ApiError } from "./api-error";
import type { ListPosition } from "./store/customer-store";

interface CursorPayload {
  createdAt: string;
  customerId: string;
}

/**
 * Encodes the position after the last item of a page as an opaque base64url cursor. A keyset
 * cursor (not an offset) stays correct when customers are created between two page requests.
 */
export function encodeCursor(position: ListPosition): string {
  const payload: CursorPayload = {
    createdAt: position.createdAt,
    customerId: position.customerId,
  };

  return Buffer.from(JSON.stringify(payload), "utf8").toString("base64url");
}

/** Decodes a cursor from {@link encodeCursor}, or throws 400 `invalid_cursor` (D11). */
export function decodeCursor(cursor: string): ListPosition {
  const invalid = new ApiError(
    400,
    "invalid_cursor",
    "The cursor is not one this API returned. Pass the cursor of the previous page unchanged, " +
      "or leave it out to start from the first page.",
  );

  try {
    const payload = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as unknown;

    if (!isCursorPayload(payload) || encodeCursor(payload) !== cursor) throw invalid;

    return { createdAt: payload.createdAt, customerId: payload.customerId };
  } catch {
    throw invalid;
  }
}

function isCursorPayload(value: unknown): value is CursorPayload {
  if (typeof value !== "object" || value === null) return false;

  const candidate = value as Record<string, unknown>;

  return typeof candidate.createdAt === "string" && typeof candidate.customerId === "string";
}
