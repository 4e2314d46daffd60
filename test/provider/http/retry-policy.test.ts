import { describe, expect, it } from "vitest";

import {
  decideRetry,
  MAX_BACKOFF_MS,
  retryDelay,
  type AttemptOutcome,
  type RetryDecision,
} from "../../../provider/src/http/retry-policy";

const response = (status: number, headers: Record<string, string> = {}): AttemptOutcome => ({
  kind: "response",
  status,
  headers,
});

const FINAL: RetryDecision = { retry: false };
const NOT_PROCESSED: RetryDecision = { retry: true, processed: "no" };
const MAYBE: RetryDecision = { retry: true, processed: "maybe" };

describe("decideRetry", () => {
  it.each<[string, AttemptOutcome, RetryDecision]>([
    ["200", response(200), FINAL],
    ["400", response(400), FINAL],
    ["401", response(401), FINAL],
    ["403", response(403), FINAL],
    ["404", response(404), FINAL],
    ["409", response(409), FINAL],
    ["422", response(422), FINAL],
    ["429", response(429), NOT_PROCESSED],
    ["429 with x-should-retry: false", response(429, { "x-should-retry": "false" }), FINAL],
    ["503 with Retry-After", response(503, { "retry-after": "1" }), NOT_PROCESSED],
    ["503 with retry-after-ms", response(503, { "retry-after-ms": "0" }), NOT_PROCESSED],
    ["503 without a hint", response(503), MAYBE],
    ["500", response(500), MAYBE],
    ["502", response(502), MAYBE],
    ["408", response(408), MAYBE],
    ["500 with x-should-retry: false", response(500, { "x-should-retry": "false" }), FINAL],
    ["409 with x-should-retry: true", response(409, { "x-should-retry": "true" }), NOT_PROCESSED],
    ["408 with x-should-retry: true", response(408, { "x-should-retry": "TRUE" }), MAYBE],
    ["500 with x-should-retry: true", response(500, { "x-should-retry": "true" }), MAYBE],
    ["a connection refused before sending", { kind: "failure", sent: false }, NOT_PROCESSED],
    ["a dropped connection or timeout after sending", { kind: "failure", sent: true }, MAYBE],
    ["a request the transport refused to build", { kind: "refused" }, FINAL],
  ])("decides %s", (_name, outcome, decision) => {
    expect(decideRetry(outcome)).toEqual(decision);
  });
});

describe("retryDelay", () => {
  const now = Date.parse("2026-12-04T12:00:00Z");

  it("prefers retry-after-ms over Retry-After", () => {
    const delay = retryDelay({
      headers: { "retry-after-ms": "250", "retry-after": "7" },
      retryIndex: 0,
      nowMs: now,
      random: 0.5,
    });

    expect(delay).toEqual({ delayMs: 250, source: "retry-after-ms" });
  });

  it("honours retry-after-ms of 0", () => {
    const headers = { "retry-after-ms": "0" };
    const delay = retryDelay({ headers, retryIndex: 3, nowMs: now, random: 0 });

    expect(delay).toEqual({ delayMs: 0, source: "retry-after-ms" });
  });

  it("reads Retry-After in seconds", () => {
    const headers = { "retry-after": "3" };
    const delay = retryDelay({ headers, retryIndex: 0, nowMs: now, random: 0 });

    expect(delay).toEqual({ delayMs: 3000, source: "retry-after" });
  });

  it("reads Retry-After as an HTTP date, measured against the server's Date header", () => {
    const headers = {
      date: "Fri, 04 Dec 2026 12:10:00 GMT",
      "retry-after": "Fri, 04 Dec 2026 12:10:04 GMT",
    };

    // Our clock is ten minutes behind the server's; only the server's own four seconds count.
    expect(retryDelay({ headers, retryIndex: 0, nowMs: now, random: 0 })).toEqual({
      delayMs: 4000,
      source: "retry-after",
    });
  });

  it("reads an HTTP date against our clock when the server sent no Date", () => {
    const headers = { "retry-after": "Fri, 04 Dec 2026 12:00:02 GMT" };

    expect(retryDelay({ headers, retryIndex: 0, nowMs: now, random: 0 }).delayMs).toBe(2000);
  });

  it("treats an HTTP date in the past as no wait", () => {
    const headers = { "retry-after": "Fri, 04 Dec 2026 11:00:00 GMT" };

    expect(retryDelay({ headers, retryIndex: 0, nowMs: now, random: 0 }).delayMs).toBe(0);
  });

  it.each(["soon", "-5", ""])("falls back to backoff when the hint is %o", (hint) => {
    const delay = retryDelay({
      headers: { "retry-after-ms": hint, "retry-after": hint },
      retryIndex: 0,
      nowMs: now,
      random: 0,
    });

    expect(delay).toEqual({ delayMs: 500, source: "backoff" });
  });

  it.each([
    [0, 500],
    [1, 1000],
    [2, 2000],
    [3, 4000],
    [4, 8000],
    [5, 8000],
    [10, 8000],
  ])("backs off before retry %i by up to %i ms", (retryIndex, maxMs) => {
    const longest = retryDelay({ headers: {}, retryIndex, nowMs: now, random: 0 }).delayMs;
    const shortest = retryDelay({ headers: {}, retryIndex, nowMs: now, random: 0.9999 }).delayMs;

    expect(longest).toBe(maxMs);
    expect(shortest).toBeGreaterThan(maxMs * 0.75);
    expect(shortest).toBeLessThan(maxMs);
    expect(longest).toBeLessThanOrEqual(MAX_BACKOFF_MS);
  });
});
