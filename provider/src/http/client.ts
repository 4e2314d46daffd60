/**
 * {@link createAvaraClient}: the HTTP client every call of the provider goes through. It validates
 * inputs, runs each call through the {@link RequestRunner} (limiter, retries, deadline, logs) and
 * reconciles creates whose answer was lost.
 */
import {
  AmbiguousCreateError,
  InvalidInputError,
  NotFoundError,
  UnexpectedResponseError,
} from "../errors";
import { accountRegistryFor, type AccountRegistry } from "./account-registry";
import { serverClockOffsets, systemClock } from "./clock";
import { assertCustomerId, assertUserId } from "./ids";
import { processLimiter } from "./limiter";
import { selectCandidates } from "./reconcile";
import { RequestRunner, type CallSpec, type RunnerDependencies } from "./request-runner";
import {
  customerPageSchema,
  expressCustomerSchema,
  idsStatedActive,
  membershipResultSchema,
} from "./schemas";
import { resolveSettings, type ClientSettings } from "./settings";
import { createUndiciTransport } from "./transport";
import type {
  AvaraClient,
  AvaraClientOptions,
  CreateCustomerRequest,
  CustomerPage,
  ExpressCustomer,
  MembershipResult,
  UpdateCustomerRequest,
} from "./types";

/** The page size used when walking every page: the API's maximum. */
export const FULL_PAGE_SIZE = 100;

// A bound on pages per walk, so a server that never ends a listing cannot loop us forever.
const MAX_PAGES = 10_000;

const parseCustomer = (body: unknown) => expressCustomerSchema.safeParse(body);
const parsePage = (body: unknown) => customerPageSchema.safeParse(body);
const parseMembership = (body: unknown) => membershipResultSchema.safeParse(body);

function assertMetadata(metadata: unknown, field: string): void {
  if (metadata === undefined || metadata === null) return;
  const valid =
    typeof metadata === "object" &&
    !Array.isArray(metadata) &&
    Object.values(metadata).every((value) => typeof value === "string");
  if (!valid) {
    throw new InvalidInputError(
      `${field} must be an object of string keys to string values; convert numbers and ` +
        "booleans to strings first.",
    );
  }
}

function assertCreateRequest(request: CreateCustomerRequest): void {
  const name: unknown = request?.expressCustomerName;
  if (typeof name !== "string" || name.length === 0) {
    throw new InvalidInputError(
      "createCustomer needs an expressCustomerName of at least one character.",
    );
  }
  assertMetadata(request.metadata, "metadata");
}

function assertListParams(params: { cursor?: string; limit?: number }): void {
  const { cursor, limit } = params;
  if (limit !== undefined && !(Number.isInteger(limit) && limit >= 1 && limit <= 100)) {
    throw new InvalidInputError(`limit must be a whole number from 1 to 100, not ${limit}.`);
  }
  if (cursor !== undefined && (typeof cursor !== "string" || cursor === "")) {
    throw new InvalidInputError("cursor must be the non-empty cursor of the previous page.");
  }
}

/** The {@link AvaraClient} implementation; see {@link createAvaraClient}. */
class HttpAvaraClient implements AvaraClient {
  readonly #runner: RequestRunner;
  readonly #account: AccountRegistry;
  readonly #settings: ClientSettings;
  readonly #dependencies: RunnerDependencies;

  constructor(settings: ClientSettings, dependencies: RunnerDependencies) {
    this.#settings = settings;
    this.#dependencies = dependencies;
    this.#runner = new RequestRunner(settings, dependencies);
    this.#account = accountRegistryFor(settings.baseUrl, settings.apiKey);
  }

  get baseUrl(): string {
    return this.#settings.baseUrl.href;
  }

  async createCustomer(request: CreateCustomerRequest): Promise<ExpressCustomer> {
    assertCreateRequest(request);
    const body: CreateCustomerRequest = { expressCustomerName: request.expressCustomerName };
    if (request.metadata !== undefined) body.metadata = request.metadata;

    // Serialised per name, so a reconciliation never sees a same-name create still in flight.
    return this.#account.serialiseByName(request.expressCustomerName, async () => {
      const requestStartedAt = this.#dependencies.clock.now();
      const answered = (wire: unknown) => {
        const parsed = parseCustomer(wire);
        if (parsed.success) this.#account.learnApiKeyId(parsed.data.createdByApiKeyId);
        return parsed;
      };

      const spec: CallSpec = { method: "POST", path: "/v1/express", body };
      const customer = await this.#runner.call(spec, answered, {
        beforeResend: (deadlineAt) => this.#reconcileCreate(body, requestStartedAt, deadlineAt),
      });
      this.#account.markKnown(customer.expressCustomerId);
      return customer;
    });
  }

  async retrieveCustomer(id: string): Promise<ExpressCustomer> {
    return this.#customerCall({ method: "GET", path: this.#customerPath(id) });
  }

  async updateCustomer(id: string, request: UpdateCustomerRequest): Promise<ExpressCustomer> {
    const path = this.#customerPath(id);
    if (typeof request !== "object" || request === null) {
      throw new InvalidInputError("updateCustomer needs the desired state as an object.");
    }
    const name: unknown = request.expressCustomerName;
    if (name !== undefined && (typeof name !== "string" || name.length === 0)) {
      throw new InvalidInputError("updateCustomer: expressCustomerName must not be empty.");
    }
    assertMetadata(request.metadata, "metadata");

    // PATCH always carries the full desired state, so repeating it after a lost answer is safe.
    return this.#customerCall({ method: "PATCH", path, body: { ...request } });
  }

  async listCustomers(params: { cursor?: string; limit?: number } = {}): Promise<CustomerPage> {
    assertListParams(params);
    return this.#runner.call(this.#listSpec(params), parsePage);
  }

  async *listAllCustomers(): AsyncIterable<ExpressCustomer> {
    for await (const page of this.#pages()) yield* page.customers;
  }

  async deactivateCustomer(id: string): Promise<ExpressCustomer> {
    return this.#customerCall({ method: "POST", path: `${this.#customerPath(id)}/deactivate` });
  }

  async reactivateCustomer(id: string): Promise<ExpressCustomer> {
    return this.#customerCall({ method: "POST", path: `${this.#customerPath(id)}/reactivate` });
  }

  async addUser(id: string, userId: string): Promise<MembershipResult> {
    const spec = this.#membershipSpec("POST", id, userId);
    return this.#runner.call(spec, parseMembership);
  }

  async removeUser(id: string, userId: string): Promise<MembershipResult> {
    const spec = this.#membershipSpec("DELETE", id, userId);
    let mayHaveRemoved = false;

    try {
      return await this.#runner.call(spec, parseMembership, {
        onRetry: (processed) => (mayHaveRemoved ||= processed === "maybe"),
      });
    } catch (error) {
      // An attempt whose answer was lost may have removed the user; "not a member" then means
      // that attempt worked, not that the call failed.
      if (mayHaveRemoved && NotFoundError.isInstance(error) && error.apiCode === "not_a_member") {
        return { success: true, message: "the user was removed by an earlier attempt" };
      }
      throw error;
    }
  }

  #customerPath(id: string): string {
    const checked = assertCustomerId(id);
    this.#account.markKnown(checked);
    return `/v1/express/${encodeURIComponent(checked)}`;
  }

  #membershipSpec(method: "POST" | "DELETE", id: string, userId: string): CallSpec {
    const path = `${this.#customerPath(id)}/users`;
    return { method, path, body: { userId: assertUserId(userId) } };
  }

  async #customerCall(spec: CallSpec): Promise<ExpressCustomer> {
    const customer = await this.#runner.call(spec, parseCustomer);
    this.#account.markKnown(customer.expressCustomerId);
    return customer;
  }

  #listSpec(params: { cursor?: string; limit?: number }): CallSpec {
    const query: Record<string, string> = {};
    if (params.cursor !== undefined) query.cursor = params.cursor;
    if (params.limit !== undefined) query.limit = String(params.limit);
    return { method: "GET", path: "/v1/express", query };
  }

  /** Every page in order; with `deadlineAt`, all of them count against that one deadline. */
  async *#pages(deadlineAt?: number, parse = parsePage): AsyncGenerator<CustomerPage> {
    const seenCursors = new Set<string>();
    let cursor: string | undefined;

    for (let pageCount = 0; pageCount < MAX_PAGES; pageCount += 1) {
      const spec = this.#listSpec({ cursor, limit: FULL_PAGE_SIZE });
      const page = await this.#runner.call(spec, parse, { deadlineAt });
      yield page;

      // Stop on either signal (docs/api-contract.md, Pagination): no more pages, no cursor, or an
      // empty page.
      if (!page.hasMore || page.cursor === null || page.customers.length === 0) return;
      if (seenCursors.has(page.cursor)) throw this.#loopingCursor(page.cursor);
      seenCursors.add(page.cursor);
      cursor = page.cursor;
    }
    throw this.#loopingCursor(cursor ?? "");
  }

  #loopingCursor(cursor: string): UnexpectedResponseError {
    return new UnexpectedResponseError(
      { method: "GET", path: "/v1/express", status: 200 },
      `200 from GET /v1/express: the listing did not end (cursor ${JSON.stringify(cursor)} ` +
        `repeated, or more than ${MAX_PAGES} pages). Check that the base URL points at the ` +
        "Avara API; if it does, report this to the pulumi-avara maintainers.",
      [{ path: ["cursor"], message: "the listing does not end" }],
    );
  }

  /** Finds the customer a lost create may have made: one is adopted, none means send again. */
  async #reconcileCreate(
    request: CreateCustomerRequest,
    requestStartedAt: number,
    deadlineAt: number,
  ): Promise<ExpressCustomer | undefined> {
    const logger = this.#settings.logger;
    const customers: ExpressCustomer[] = [];
    const statedActive = new Set<string>();
    const parseNotingActive = (body: unknown) => {
      for (const id of idsStatedActive(body)) statedActive.add(id);
      return parsePage(body);
    };
    for await (const page of this.#pages(deadlineAt, parseNotingActive)) {
      customers.push(...page.customers);
    }

    const selection = selectCandidates(customers, {
      request,
      requestStartedAt,
      minServerOffsetMs: this.#runner.minServerOffsetMs(requestStartedAt),
      account: this.#account,
      statedActive: (id) => statedActive.has(id),
    });
    const name = JSON.stringify(request.expressCustomerName);
    logger.debug(`[avara] reconciling a lost create of ${name}`, {
      listed: customers.length,
      candidates: selection.candidates.map((c) => c.expressCustomerId),
      passedOver: selection.rejected,
      earliestCreatedAt: new Date(selection.earliestCreatedAt).toISOString(),
    });

    const [only, ...others] = selection.candidates;
    if (only === undefined) {
      logger.info(
        `[avara] the lost create of ${name} made no customer; sending it again`,
      );
      return undefined;
    }
    if (others.length > 0) {
      throw new AmbiguousCreateError(
        request.expressCustomerName,
        selection.candidates.map((c) => c.expressCustomerId),
      );
    }

    this.#account.markKnown(only.expressCustomerId);
    logger.info(
      `[avara] adopted ${only.expressCustomerId} (${name}), made by a create whose answer was lost`,
    );
    return only;
  }
}

/** Test seams of {@link createAvaraClient}: transport, clock, randomness, limiter, env. */
export interface ClientInternals extends Partial<RunnerDependencies> {
  env?: NodeJS.ProcessEnv;
}

/**
 * Creates a client from explicit options, falling back to `AVARA_BASE_URL` and `AVARA_API_KEY`.
 * Throws {@link ConfigurationError} for a missing key or a refused base URL. `internals` is for
 * tests only.
 */
export function createAvaraClient(
  options: AvaraClientOptions = {},
  internals: ClientInternals = {},
): AvaraClient {
  const settings = resolveSettings(options, internals.env);
  return new HttpAvaraClient(settings, {
    transport: internals.transport ?? createUndiciTransport(),
    clock: internals.clock ?? systemClock,
    random: internals.random ?? Math.random,
    limiter: internals.limiter ?? processLimiter,
    offsets: internals.offsets ?? serverClockOffsets,
  });
}
