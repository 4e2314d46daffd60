/**
 * The retry policy: which outcomes are retried, whether the failed attempt may have been
 * processed, and how long to wait. Pure functions, so every rule is one row of a test table.
 */

/** Response headers with lowercase names. */
export type ResponseHeaders = Record<string, string>;

/** What one attempt ended with, as the policy needs to know it. */
export type AttemptOutcome =
  | { kind: "response"; status: number; headers: ResponseHeaders }
  | { kind: "failure"; sent: boolean }
  | { kind: "refused" };

/**
 * `"no"`: the server did not act on the request, so any call may be sent again, a POST too.
 * `"maybe"`: it may have; only calls that are safe to repeat are sent again as they are.
 */
export type Processed = "no" | "maybe";

/** Whether to try again, and what the failed attempt may have done. */
export type RetryDecision = { retry: false } | { retry: true; processed: Processed };

const FINAL: RetryDecision = { retry: false };
const NOT_PROCESSED: RetryDecision = { retry: true, processed: "no" };
const MAYBE_PROCESSED: RetryDecision = { retry: true, processed: "maybe" };

function hasRetryHint(headers: ResponseHeaders): boolean {
  return headers["retry-after"] !== undefined || headers["retry-after-ms"] !== undefined;
}

/** Whether an outcome that was not a success is worth another attempt. */
export function decideRetry(outcome: AttemptOutcome): RetryDecision {
  // The transport could not build the request (a header it cannot carry): it would again.
  if (outcome.kind === "refused") return FINAL;
  // A connection that failed before the request left cannot have been acted on.
  if (outcome.kind === "failure") return outcome.sent ? MAYBE_PROCESSED : NOT_PROCESSED;

  const { status, headers } = outcome;
  if (status >= 200 && status < 300) return FINAL;

  // 429, and 503 with a retry hint, say "not processed, come back later": safe for any method.
  const notProcessed = status === 429 || (status === 503 && hasRetryHint(headers));
  const shouldRetry = headers["x-should-retry"]?.trim().toLowerCase();

  // The server's explicit hint wins over the status rules (as in the official SDKs).
  if (shouldRetry === "false") return FINAL;
  if (shouldRetry === "true") {
    if (notProcessed || (status >= 400 && status < 500 && status !== 408)) return NOT_PROCESSED;
    return MAYBE_PROCESSED;
  }

  if (notProcessed) return NOT_PROCESSED;
  // 408 and other 5xx: the server may have acted before it failed.
  if (status === 408 || status >= 500) return MAYBE_PROCESSED;
  return FINAL;
}

/** First delay of the exponential backoff, in ms. */
export const INITIAL_BACKOFF_MS = 500;

/** Longest delay of the exponential backoff, in ms. */
export const MAX_BACKOFF_MS = 8_000;

/** Where a delay came from, for the logs. */
export type DelaySource = "retry-after-ms" | "retry-after" | "backoff";

/** Inputs of {@link retryDelay}. */
export interface RetryDelayInput {
  /** Headers of the failed answer; empty after a connection failure. */
  headers: ResponseHeaders;
  /** 0 before the first retry, 1 before the second… */
  retryIndex: number;
  /** Local time now, for `Retry-After` given as an HTTP date. */
  nowMs: number;
  /** A number in [0, 1), for the jitter. */
  random: number;
}

const NON_NEGATIVE_NUMBER = /^\d+(\.\d+)?$/;

function parseRetryAfterMs(value: string | undefined): number | undefined {
  if (value === undefined || !NON_NEGATIVE_NUMBER.test(value.trim())) return undefined;
  return Number(value.trim());
}

function parseRetryAfter(value: string | undefined, headers: ResponseHeaders, nowMs: number) {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (NON_NEGATIVE_NUMBER.test(trimmed)) return Number(trimmed) * 1000;

  // An HTTP date has a weekday and a month name; anything else (such as "-5") is not a hint.
  const at = /[a-z]/i.test(trimmed) ? Date.parse(trimmed) : Number.NaN;
  if (Number.isNaN(at)) return undefined;
  // Measure against the server's own `Date` when it sent one, so clock skew does not count.
  const serverNow = Date.parse(headers.date ?? "");
  return Math.max(0, at - (Number.isNaN(serverNow) ? nowMs : serverNow));
}

/**
 * How long to wait before the next attempt: `retry-after-ms`, else `Retry-After` (seconds or an
 * HTTP date), else 0.5 s · 2^n capped at 8 s, times a jitter factor in (0.75, 1].
 */
export function retryDelay(input: RetryDelayInput): { delayMs: number; source: DelaySource } {
  const { headers, retryIndex, nowMs, random } = input;

  const hintMs = parseRetryAfterMs(headers["retry-after-ms"]);
  if (hintMs !== undefined) return { delayMs: hintMs, source: "retry-after-ms" };

  const afterMs = parseRetryAfter(headers["retry-after"], headers, nowMs);
  if (afterMs !== undefined) return { delayMs: afterMs, source: "retry-after" };

  const backoffMs = Math.min(INITIAL_BACKOFF_MS * 2 ** retryIndex, MAX_BACKOFF_MS);
  return { delayMs: backoffMs * (1 - 0.25 * random), source: "backoff" };
}
