/**
 * Reconciling a create whose answer was lost. The API has no idempotency key, so before sending
 * `POST /v1/express` again the client looks for the customer the lost attempt may have made, and
 * adopts it only when exactly one customer could be it. The design and its limits are in
 * docs/client.md ("Create safety").
 */
import type { AccountRegistry } from "./account-registry";
import { sameMetadata } from "./schemas";
import type { CreateCustomerRequest, ExpressCustomer } from "./types";

/**
 * How far before the request's start (in server time, by the least offset the `Date` headers
 * allow) a candidate's `createdAt` may lie: servers behind a load balancer may disagree by a
 * little, and may stamp `createdAt` from another clock than `Date`.
 */
export const SKEW_ALLOWANCE_MS = 5_000;

/** The same allowance when no `Date` header was ever seen, so the offset is unknown. */
export const UNKNOWN_OFFSET_ALLOWANCE_MS = 120_000;

/** What a reconciliation looks at. */
export interface CandidateQuery {
  request: CreateCustomerRequest;
  /** Local time (ms) the first attempt of the create started. */
  requestStartedAt: number;
  /**
   * The least server time minus local time can be (ms), when a `Date` header was seen. A lower
   * bound, so the earliest `createdAt` it gives is never later than the truth.
   */
  minServerOffsetMs: number | undefined;
  account: AccountRegistry;
  /**
   * Whether the listing said `isActive: true` outright for a customer. The schema reads an
   * absent or null `isActive` as active; that is not proof enough to adopt.
   */
  statedActive(expressCustomerId: string): boolean;
}

/** One customer that was looked at and why it was passed over. */
export interface RejectedCustomer {
  expressCustomerId: string;
  reason: string;
}

/** The result of {@link selectCandidates}. */
export interface CandidateSelection {
  candidates: ExpressCustomer[];
  rejected: RejectedCustomer[];
  /** Earliest `createdAt` (server ms) a customer of the lost attempt may have. */
  earliestCreatedAt: number;
}

function rejectionReason(customer: ExpressCustomer, query: CandidateQuery, earliest: number) {
  const { request, account } = query;

  if (customer.expressCustomerName !== request.expressCustomerName) return "other name";
  if (!sameMetadata(customer.metadata, request.metadata)) return "other metadata";
  // A new customer is active; an inactive twin is an old one that was deactivated.
  if (!customer.isActive) return "inactive";
  if (!query.statedActive(customer.expressCustomerId)) return "isActive not given as true";

  const createdAt = customer.createdAt === null ? Number.NaN : Date.parse(customer.createdAt);
  if (Number.isNaN(createdAt)) return "no createdAt to compare";
  if (createdAt < earliest) return "created before the request started";

  if (customer.createdByApiKeyId === null) return "no createdByApiKeyId (not made by an API key)";
  // Until a create of this process was answered the key's ID is unknown (the API has no
  // "who am I"); any key of the clinic then passes, which docs/client.md lists as a limit.
  if (account.apiKeyId !== undefined && customer.createdByApiKeyId !== account.apiKeyId) {
    return "created by another API key";
  }

  if (account.isKnown(customer.expressCustomerId)) return "already known to this process";
  return undefined;
}

/**
 * Picks the customers that the lost create may have made: same name and normalised metadata,
 * active, created at or after the request's start (in server time by the least clock offset the
 * `Date` headers allow, less the skew allowance), by this key, and not already known to this
 * process.
 */
export function selectCandidates(
  customers: Iterable<ExpressCustomer>,
  query: CandidateQuery,
): CandidateSelection {
  const { minServerOffsetMs } = query;
  const allowanceMs =
    minServerOffsetMs === undefined ? UNKNOWN_OFFSET_ALLOWANCE_MS : SKEW_ALLOWANCE_MS;
  // The server made the customer after our request left, so no earlier than our start in server
  // time, which is at least the start plus the least offset.
  const earliestCreatedAt = query.requestStartedAt + (minServerOffsetMs ?? 0) - allowanceMs;

  const candidates: ExpressCustomer[] = [];
  const rejected: RejectedCustomer[] = [];
  for (const customer of customers) {
    const reason = rejectionReason(customer, query, earliestCreatedAt);
    if (reason === undefined) candidates.push(customer);
    else if (customer.expressCustomerName === query.request.expressCustomerName) {
      // Only same-name customers are worth a line in the debug log.
      rejected.push({ expressCustomerId: customer.expressCustomerId, reason });
    }
  }
  return { candidates, rejected, earliestCreatedAt };
}
