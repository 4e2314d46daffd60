/**
 * Runs one API call: attempts through the process limiter, retries by the {@link decideRetry}
 * policy within the call's deadline, one info log line per call, and typed errors.
 */
import { randomBytes } from "node:crypto";

import {
  apiErrorFromResponse,
  AvaraError,
  ConnectionError,
  InvalidInputError,
  TimeoutError,
  UnexpectedResponseError,
} from "../errors";
import type { Logger } from "../log";
import { redact } from "../redact";
import { USER_AGENT } from "../version";
import type { Clock, ServerClockOffsets } from "./clock";
import { MAX_PAUSE_MS, type RequestLimiter } from "./limiter";
import { decideRetry, retryDelay, type AttemptOutcome, type Processed } from "./retry-policy";
import type { ClientSettings } from "./settings";
import {
  TransportFailure,
  type HttpMethod,
  type Transport,
  type TransportResponse,
} from "./transport";

/** What the runner needs besides settings; all injectable so tests never wait. */
export interface RunnerDependencies {
  transport: Transport;
  clock: Clock;
  random: () => number;
  limiter: RequestLimiter;
  offsets: ServerClockOffsets;
}

/** One call: method, API path (with `/v1`), optional query and JSON body. */
export interface CallSpec {
  method: HttpMethod;
  path: string;
  query?: Record<string, string>;
  body?: unknown;
}

/** Turns a 2xx body into the result, or returns the zod issues when it does not fit. */
export type ParseBody<R> = (
  body: unknown,
) => { success: true; data: R } | { success: false; error: { issues: UnexpectedIssues } };

type UnexpectedIssues = ConstructorParameters<typeof UnexpectedResponseError>[2];

/** Optional behaviour of a call beyond the plain retry policy. */
export interface CallHooks<R> {
  /** The deadline (local ms) of an enclosing call, for calls made on its behalf. */
  deadlineAt?: number;
  /**
   * Called before repeating a request that may have been processed. Returns the result when it
   * can be established without sending again (for example an adopted customer), else undefined.
   * Without this hook such requests are simply sent again.
   */
  beforeResend?: (deadlineAt: number) => Promise<R | undefined>;
  /** Told each time a failed attempt is retried, and whether it may have been processed. */
  onRetry?: (processed: Processed) => void;
}

// A random start, then a counter: unique within the process and cheaper than random bytes.
let nextLogId = randomBytes(3).readUIntBE(0, 3);

/** A short local ID tying a call's log lines together (not the server's request ID). */
function newLogId(): string {
  nextLogId = (nextLogId + 1) & 0xffffff;
  return `req_${nextLogId.toString(16).padStart(6, "0")}`;
}

/** Runs calls for one client. */
export class RequestRunner {
  readonly #settings: ClientSettings;
  readonly #deps: RunnerDependencies;
  readonly #logger: Logger;

  constructor(settings: ClientSettings, dependencies: RunnerDependencies) {
    this.#settings = settings;
    this.#deps = dependencies;
    this.#logger = settings.logger;
  }

  /** The local time (ms) by which a call starting now must end. */
  deadlineFromNow(): number {
    return this.#deps.clock.now() + this.#settings.deadlineMs;
  }

  /**
   * The least server time minus local time can be, once a `Date` header came from this URL;
   * measured from answers to requests sent since `sinceMs` when there are any.
   */
  minServerOffsetMs(sinceMs?: number): number | undefined {
    return this.#deps.offsets.minOffsetMs(this.#settings.baseUrl.href, sinceMs);
  }

  /** Runs `spec` to a parsed 2xx answer, or throws the {@link AvaraError} that ended it. */
  async call<R>(spec: CallSpec, parse: ParseBody<R>, hooks: CallHooks<R> = {}): Promise<R> {
    const { clock, random, limiter } = this.#deps;
    const logId = newLogId();
    const label = `${spec.method} ${this.#displayPath(spec)}`;
    const startedAt = clock.now();
    const deadlineAt = hooks.deadlineAt ?? startedAt + this.#settings.deadlineMs;
    const finish = (outcome: string, retries: number) =>
      this.#logger.info(
        `[avara ${logId}] ${label} -> ${outcome} in ${Math.round(clock.now() - startedAt)}ms ` +
          `(retries: ${retries})`,
      );
    let lastError: AvaraError | undefined;

    for (let retries = 0; ; retries += 1) {
      // Backoff or reconciliation may already have used up the deadline; then nothing waited.
      const late = clock.now() >= deadlineAt;
      const release = late ? null : await limiter.acquire(clock, deadlineAt, retries > 0);
      if (release === null) {
        finish(late ? "deadline passed" : "deadline passed while waiting for the limiter", retries);
        throw lastError ?? this.#deadlineError(spec, label, late);
      }

      // Measured after the limiter's wait, which used up part of the deadline.
      const remainingMs = deadlineAt - clock.now();
      const sentAt = clock.now();
      let outcome: AttemptOutcome;
      let error: AvaraError;
      try {
        const timeoutMs = Math.min(this.#settings.timeoutMs, remainingMs);
        const response = await this.#send(logId, spec, timeoutMs);
        this.#observe(logId, response, sentAt);
        if (response.status >= 200 && response.status < 300) {
          const result = this.#parse(spec, label, response, parse);
          finish(String(response.status), retries);
          return result;
        }
        outcome = { kind: "response", status: response.status, headers: response.headers };
        error = apiErrorFromResponse({
          method: spec.method,
          path: this.#displayPath(spec),
          status: response.status,
          body: response.body,
          requestId: response.headers["x-request-id"] ?? null,
          retries,
        });
      } catch (caught) {
        if (!(caught instanceof TransportFailure)) throw caught;
        outcome =
          caught.kind === "invalid" ? { kind: "refused" } : { kind: "failure", sent: caught.sent };
        error = this.#transportError(spec, label, caught, retries, remainingMs);
      } finally {
        release();
      }

      const decision = decideRetry(outcome);
      const headers = outcome.kind === "response" ? outcome.headers : {};
      const { delayMs, source } = retryDelay({
        headers,
        retryIndex: retries,
        nowMs: clock.now(),
        random: random(),
      });
      if (outcome.kind === "response" && outcome.status === 429) {
        // A bogus hour-long Retry-After must not freeze every other call of the process.
        limiter.onRateLimited(clock.now() + Math.min(delayMs, MAX_PAUSE_MS));
      }

      const outcomeText = outcome.kind === "response" ? String(outcome.status) : error.code;
      const resolve = async () => {
        if (hooks.beforeResend === undefined || !decision.retry) return undefined;
        if (decision.processed === "no") return undefined;
        return this.#resolve(hooks.beforeResend, deadlineAt, outcomeText, retries, finish);
      };

      const noRetryLeft = !decision.retry || retries >= this.#settings.maxRetries;
      // Sleeping past the deadline would only delay the same failure.
      const noTimeLeft = clock.now() + delayMs >= deadlineAt;
      if (noRetryLeft || noTimeLeft) {
        // Nothing may be sent again, but the lost attempt may have worked: look once more.
        const resolved = clock.now() < deadlineAt ? await resolve() : undefined;
        if (resolved !== undefined) return resolved;
        finish(noRetryLeft ? outcomeText : `${outcomeText}, no time left to retry`, retries);
        throw error;
      }

      this.#logger.debug(
        `[avara ${logId}] ${label} -> ${outcomeText}; retry ${retries + 1} of ` +
          `${this.#settings.maxRetries} in ${Math.round(delayMs)}ms (${source}; ` +
          `processed: ${decision.processed})`,
      );
      hooks.onRetry?.(decision.processed);
      await clock.sleep(delayMs);

      const resolved = await resolve();
      if (resolved !== undefined) return resolved;
      lastError = error;
    }
  }

  /** Runs a `beforeResend` hook, logging the call's one info line when it settles the call. */
  async #resolve<R>(
    hook: (deadlineAt: number) => Promise<R | undefined>,
    deadlineAt: number,
    outcomeText: string,
    retries: number,
    finish: (outcome: string, retries: number) => void,
  ): Promise<R | undefined> {
    try {
      const resolved = await hook(deadlineAt);
      if (resolved !== undefined) finish(`${outcomeText}, resolved without resending`, retries);
      return resolved;
    } catch (error) {
      finish(`${outcomeText}, then reconciliation failed`, retries);
      throw error;
    }
  }

  #displayPath(spec: CallSpec): string {
    const query = new URLSearchParams(spec.query ?? {}).toString();
    return query === "" ? spec.path : `${spec.path}?${query}`;
  }

  async #send(logId: string, spec: CallSpec, timeoutMs: number): Promise<TransportResponse> {
    const url = new URL(this.#settings.baseUrl.href);
    // The base URL's own path (a proxy prefix, say) comes first; `URL` keeps a lone "/" there.
    url.pathname = `${url.pathname.replace(/\/+$/, "")}${spec.path}`;
    for (const [name, value] of Object.entries(spec.query ?? {})) url.searchParams.set(name, value);

    const headers: Record<string, string> = {
      authorization: `Bearer ${this.#settings.apiKey}`,
      accept: "application/json",
      "user-agent": USER_AGENT,
    };
    // Only requests with a body declare one: deactivate and reactivate send none.
    const body = spec.body === undefined ? undefined : JSON.stringify(spec.body);
    if (body !== undefined) headers["content-type"] = "application/json";

    if (this.#debugEnabled()) {
      this.#logger.debug(`[avara ${logId}] sending ${spec.method} ${this.#displayPath(spec)}`, {
        request: redact({ method: spec.method, url: url.href, headers, timeoutMs }),
      });
    }
    return this.#deps.transport({ method: spec.method, url, headers, body, timeoutMs });
  }

  #observe(logId: string, response: TransportResponse, sentAt: number): void {
    const receivedAt = this.#deps.clock.now();
    const origin = this.#settings.baseUrl.href;
    this.#deps.offsets.observe(origin, response.headers.date, sentAt, receivedAt);
    if (response.status !== 429) this.#deps.limiter.onAnswered();

    if (this.#debugEnabled()) {
      this.#logger.debug(`[avara ${logId}] answer ${response.status}`, {
        response: redact({ status: response.status, headers: response.headers }),
      });
    }
  }

  // A logger that cannot say is assumed to want everything.
  #debugEnabled(): boolean {
    return this.#logger.isLevelEnabled?.("debug") ?? true;
  }

  #parse<R>(spec: CallSpec, label: string, response: TransportResponse, parse: ParseBody<R>): R {
    const parsed = parse(response.body);
    if (parsed.success) return parsed.data;

    // A zod issue may quote what the server sent (an unrecognised key, say), so it is redacted.
    const issues = redact(parsed.error.issues);
    const summary = issues
      .slice(0, 5)
      .map((issue) => `${issue.path.map(String).join(".") || "(body)"}: ${issue.message}`)
      .join("; ");
    throw new UnexpectedResponseError(
      { method: spec.method, path: this.#displayPath(spec), status: response.status },
      `${response.status} from ${label}: the answer does not match the Avara API contract ` +
        `(${summary}). Check that the base URL (avara:baseUrl or AVARA_BASE_URL) points at the ` +
        "Avara API; if it does, report this to the pulumi-avara maintainers with this message.",
      issues,
    );
  }

  #transportError(
    spec: CallSpec,
    label: string,
    failure: TransportFailure,
    retries: number,
    remainingMs: number,
  ): AvaraError {
    const request = { method: spec.method, path: this.#displayPath(spec) };
    const after = retries === 0 ? "" : ` after ${retries} ${retries === 1 ? "retry" : "retries"}`;

    if (failure.kind === "invalid") {
      return new InvalidInputError(
        `${label} could not be sent: the HTTP client refused to build the request ` +
          `(${failure.message}). A header or the URL holds characters HTTP cannot carry: check ` +
          "the API key (avara:apiKey or AVARA_API_KEY) and the base URL (avara:baseUrl or " +
          "AVARA_BASE_URL).",
      );
    }
    if (failure.kind === "timeout") {
      const timeoutMs = Math.round(Math.min(this.#settings.timeoutMs, remainingMs));
      return new TimeoutError(
        request,
        `${label} got no answer within ${timeoutMs}ms${after}. The Avara API may be slow or ` +
          "unreachable: check the base URL and your network, or raise timeoutMs and deadlineMs.",
        { cause: failure.cause },
      );
    }
    return new ConnectionError(
      request,
      `${label} failed to connect or lost the connection${after} (${failure.message}). Check ` +
        "the base URL (avara:baseUrl or AVARA_BASE_URL), your network and any proxy, then re-run.",
      failure.cause,
    );
  }

  #deadlineError(spec: CallSpec, label: string, late: boolean): TimeoutError {
    const where = late
      ? "before it could be sent: the call it was made for had used up the deadline"
      : "while waiting for the process-wide request limiter, before it could be sent: other " +
        "requests of the deployment held every slot, or a rate-limit pause was in force";
    return new TimeoutError(
      { method: spec.method, path: this.#displayPath(spec) },
      `${label} ran out of its deadline (deadlineMs) ${where}. Raise deadlineMs, or run fewer ` +
        "resources at once with `pulumi up --parallel 4`.",
    );
  }
}
