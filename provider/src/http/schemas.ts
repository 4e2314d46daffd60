/**
 * zod schemas of the API's answers, tolerant where the contract says so (docs/api-contract.md):
 * any non-ID field may be null or absent, timestamps may lack fractions, and metadata may
 * be absent, null or `{}`. Each schema outputs the normalised provider type.
 */
import { z } from "zod";

import { CUSTOMER_ID_PATTERN } from "./ids";
import type { CustomerPage, ExpressCustomer, MembershipResult } from "./types";

// RFC 3339 with or without fractional seconds, `Z` or an offset.
const timestamp = z.iso.datetime({ offset: true }).nullish();

const metadata = z.record(z.string(), z.string()).nullish();

const optionalText = z.string().nullish();

/** One customer object, as every customer-returning endpoint answers it. */
export const expressCustomerSchema = z
  .object({
    expressCustomerId: z.string().regex(CUSTOMER_ID_PATTERN, "expected cus_ and 32 hex digits"),
    expressCustomerName: optionalText,
    isActive: z.boolean().nullish(),
    metadata,
    createdAt: timestamp,
    updatedAt: timestamp,
    userCount: z.number().int().nonnegative().nullish(),
    createdByApiKeyId: optionalText,
    createdByUserId: optionalText,
  })
  .transform(
    (wire): ExpressCustomer => ({
      expressCustomerId: wire.expressCustomerId,
      expressCustomerName: wire.expressCustomerName ?? "",
      // A customer is active until deactivated; absence is read as the default state.
      isActive: wire.isActive ?? true,
      metadata: { ...(wire.metadata ?? {}) },
      createdAt: wire.createdAt ?? null,
      updatedAt: wire.updatedAt ?? null,
      userCount: wire.userCount ?? 0,
      createdByApiKeyId: wire.createdByApiKeyId || null,
      createdByUserId: wire.createdByUserId || null,
    }),
  );

/** One page of `GET /v1/express`; an empty cursor counts as none (the Java SDK's loop trap). */
export const customerPageSchema = z
  .object({
    expressCustomers: z.array(expressCustomerSchema).nullish(),
    hasMore: z.boolean().nullish(),
    cursor: optionalText,
  })
  .transform((wire): CustomerPage => {
    const customers = wire.expressCustomers ?? [];
    const cursor = wire.cursor || null;
    return { customers, hasMore: (wire.hasMore ?? cursor !== null) && cursor !== null, cursor };
  });

/**
 * The IDs of a listing's customers whose answer says `isActive: true` outright, read from the raw
 * body: {@link expressCustomerSchema} reads an absent or null `isActive` as active.
 */
export function idsStatedActive(page: unknown): string[] {
  const items = (page as { expressCustomers?: unknown } | null)?.expressCustomers;
  if (!Array.isArray(items)) return [];

  return items.flatMap((item: unknown) => {
    const { expressCustomerId, isActive } = (item ?? {}) as Record<string, unknown>;
    return isActive === true && typeof expressCustomerId === "string" ? [expressCustomerId] : [];
  });
}

/** The "standard success response" of adding or removing a user. */
export const membershipResultSchema = z
  .object({ success: z.boolean().nullish(), message: optionalText })
  .transform(
    (wire): MembershipResult => ({ success: wire.success ?? true, message: wire.message ?? null }),
  );

/** Metadata in the one form used for comparisons: absent, null and `{}` are the same map. */
export function normaliseMetadata(
  value: Record<string, string> | null | undefined,
): Record<string, string> {
  return Object.fromEntries(Object.entries(value ?? {}).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** True when two metadata maps hold the same pairs, in any order. */
export function sameMetadata(
  left: Record<string, string> | null | undefined,
  right: Record<string, string> | null | undefined,
): boolean {
  return JSON.stringify(normaliseMetadata(left)) === JSON.stringify(normaliseMetadata(right));
}
