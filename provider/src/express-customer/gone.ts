/**
 * Whether a 404 proves that a customer is gone. A base URL with a wrong path prefix, or a proxy's
 * own 404 page, answers every request with 404; taking that for "gone" would drop live customers
 * from state on refresh, and count them as deactivated on destroy. So a 404 counts only when its
 * body is the API's own answer for a missing customer and the same base URL and key can list
 * customers. Another clinic's key passes both checks: the API answers it exactly as it answers
 * for a deleted customer (D9 in docs/api-contract.md), which docs/express-customer.md warns about.
 */
import { AvaraError, type NotFoundError } from "../errors";
import type { AvaraClient } from "../http/types";

/**
 * A 404 that does not prove a customer is gone: its body is not the API's "no such customer", or
 * the same base URL and key could not list customers. Refresh and delete keep the customer.
 */
export class UnconfirmedNotFoundError extends AvaraError {
  readonly customerId: string;
  readonly baseUrl: string;

  constructor(customerId: string, baseUrl: string, message: string, cause: unknown) {
    super("AVARA_E_NOT_FOUND_UNCONFIRMED", message, { cause });
    this.customerId = customerId;
    this.baseUrl = baseUrl;
  }
}

/** The API's code for a customer that this key's clinic does not have. */
export const CUSTOMER_NOT_FOUND_CODE = "customer_not_found";

const BASE_URL_SETTING =
  "avara:baseUrl or AVARA_BASE_URL; after changing avara:baseUrl, run `pulumi up` once, since " +
  "refresh and destroy use the configuration of the last up";

// The real API's error body is undocumented, so a JSON body without a code passes too.
function whatIsWrong(notFound: NotFoundError): string | undefined {
  if (notFound.apiCode === CUSTOMER_NOT_FOUND_CODE) return undefined;
  if (notFound.apiCode !== null) return `its code is ${notFound.apiCode}`;
  if (notFound.jsonBody) return undefined;
  return notFound.apiMessage === null ? "it has no body" : "its body is not JSON";
}

/**
 * Returns when `notFound`, a 404 about customer `id`, proves that the customer is gone. Throws
 * {@link UnconfirmedNotFoundError}, naming the base URL and what to check, when it does not.
 */
export async function confirmGone(
  client: AvaraClient,
  id: string,
  notFound: NotFoundError,
): Promise<void> {
  const request = `${notFound.method} ${notFound.path}`;
  const wrong = whatIsWrong(notFound);

  if (wrong !== undefined) {
    throw new UnconfirmedNotFoundError(
      id,
      client.baseUrl,
      `404 from ${request} is not the Avara API's answer for a missing customer (${wrong}), so ` +
        `${id} is kept in state and not treated as gone. The base URL ${client.baseUrl} is ` +
        "probably wrong: the API's paths start with /v1 right after it, so it takes no path " +
        `prefix unless a proxy of yours adds one. Fix it (${BASE_URL_SETTING}), then re-run.`,
      notFound,
    );
  }

  try {
    await client.listCustomers({ limit: 1 });
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new UnconfirmedNotFoundError(
      id,
      client.baseUrl,
      `404 from ${request}, but GET /v1/express?limit=1 with the same base URL and key failed ` +
        `too (${detail}), so the 404 does not prove that ${id} is gone: it is kept in state. ` +
        `Check the base URL ${client.baseUrl} (${BASE_URL_SETTING}) and the API key ` +
        "(avara:apiKey or AVARA_API_KEY), then re-run.",
      error,
    );
  }
}
