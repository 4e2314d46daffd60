import { describe, expect, it } from "vitest";

import { FaultInjector, type FaultTarget } from "../../../emulator/src/faults/fault-injector";
import {
  DEFAULT_RETRY_AFTER_MS,
  faultSpecSchema,
  MAX_FAULT_DELAY_MS,
  MAX_FAULT_RULES,
} from "../../../emulator/src/faults/fault-spec";

const LIST: FaultTarget = { method: "GET", routeTemplate: "/v1/express", callerKeyId: "a" };
const RETRIEVE: FaultTarget = {
  method: "GET",
  routeTemplate: "/v1/express/:expressCustomerId",
  callerKeyId: "a",
};
const UNKNOWN: FaultTarget = { method: "GET", routeTemplate: undefined, callerKeyId: "a" };

const OVER_AN_HOUR = MAX_FAULT_DELAY_MS + 1;

function kinds(injector: FaultInjector, target: FaultTarget, count: number): string[] {
  return Array.from({ length: count }, () => injector.decide(target).action.kind);
}

describe("FaultInjector", () => {
  it("decides no fault with an empty spec", () => {
    const injector = new FaultInjector();

    expect(injector.decide(LIST)).toEqual({ latencyMs: 0, action: { kind: "none" } });
  });

  it("fires a next-N rule for exactly N matching requests", () => {
    const injector = new FaultInjector({ rules: [{ fault: "drop-after", next: 2 }] });

    expect(kinds(injector, LIST, 4)).toEqual(["drop-after", "drop-after", "none", "none"]);
  });

  it("counts a route-scoped rule only on its route", () => {
    const injector = new FaultInjector({
      rules: [{ fault: "drop-before", next: 1, route: "GET /v1/express/{expressCustomerId}" }],
    });

    expect(kinds(injector, LIST, 2)).toEqual(["none", "none"]);
    expect(kinds(injector, UNKNOWN, 1)).toEqual(["none"]);
    expect(kinds(injector, RETRIEVE, 2)).toEqual(["drop-before", "none"]);
  });

  it("tries rules in order and lets the first fault win without consuming later ones", () => {
    const injector = new FaultInjector({
      rules: [
        { fault: "status", status: 429, next: 1, retryAfterMs: 0 },
        { fault: "status", status: 500, next: 1 },
      ],
    });

    expect(injector.decide(LIST).action).toEqual({ kind: "status", status: 429, retryAfterMs: 0 });
    expect(injector.decide(LIST).action).toEqual({
      kind: "status",
      status: 500,
      retryAfterMs: DEFAULT_RETRY_AFTER_MS,
    });
    expect(injector.decide(LIST).action.kind).toBe("none");
  });

  it("adds latency rules to the base latency and keeps evaluating", () => {
    const injector = new FaultInjector({
      latencyMs: 10,
      rules: [{ fault: "latency", latencyMs: 25, next: 1 }, { fault: "drop-after", next: 1 }],
    });

    expect(injector.decide(LIST)).toEqual({ latencyMs: 35, action: { kind: "drop-after" } });
    expect(injector.decide(LIST)).toEqual({ latencyMs: 10, action: { kind: "none" } });
  });

  it("never fires probability 0 and always fires probability 1", () => {
    const never = new FaultInjector({ rules: [{ fault: "drop-before", probability: 0 }] });
    const always = new FaultInjector({ rules: [{ fault: "drop-before", probability: 1 }] });

    expect(new Set(kinds(never, LIST, 50))).toEqual(new Set(["none"]));
    expect(new Set(kinds(always, LIST, 50))).toEqual(new Set(["drop-before"]));
  });

  it("draws the same sequence for the same seed, and another for another seed", () => {
    const spec = (seed: number) => ({
      seed,
      rules: [{ fault: "drop-before" as const, probability: 0.5 }],
    });

    const first = kinds(new FaultInjector(spec(7)), LIST, 64);
    const again = kinds(new FaultInjector(spec(7)), LIST, 64);
    const other = kinds(new FaultInjector(spec(8)), LIST, 64);

    expect(again).toEqual(first);
    expect(other).not.toEqual(first);
    const fired = first.filter((kind) => kind === "drop-before").length;
    expect(fired).toBeGreaterThan(16);
    expect(fired).toBeLessThan(48);
  });

  it("restarts counters when the spec is replaced", () => {
    const injector = new FaultInjector();
    const spec = { rules: [{ fault: "drop-before" as const, next: 1 }] };

    injector.replace(spec);
    injector.decide(LIST);
    injector.replace(spec);

    expect(injector.decide(LIST).action.kind).toBe("drop-before");
  });
});

describe("fault spec", () => {
  it.each([
    ["an unknown fault", { rules: [{ fault: "explode" }] }],
    ["a status other than 429, 500 or 503", { rules: [{ fault: "status", status: 404 }] }],
    ["both next and probability", { rules: [{ fault: "drop-before", next: 1, probability: 0.5 }] }],
    ["a probability above 1", { rules: [{ fault: "drop-before", probability: 1.5 }] }],
    ["a malformed route", { rules: [{ fault: "drop-before", route: "/v1/express" }] }],
    ["an unknown top-level field", { latency: 5 }],
    ["a zero burst", { rateLimit: { requestsPerSecond: 1, burst: 0 } }],
    ["a refill slower than one an hour", { rateLimit: { requestsPerSecond: 1e-9, burst: 1 } }],
    ["the smallest positive refill", { rateLimit: { requestsPerSecond: 5e-324, burst: 1 } }],
    ["a latencyMs past Node's timer range", { latencyMs: 3_000_000_000 }],
    ["a rule's latencyMs over an hour", { rules: [{ fault: "latency", latencyMs: OVER_AN_HOUR }] }],
    [
      "a rule's retryAfterMs over an hour",
      { rules: [{ fault: "status", status: 429, retryAfterMs: OVER_AN_HOUR }] },
    ],
    [
      "a rate limit's retryAfterMs over an hour",
      { rateLimit: { requestsPerSecond: 1, burst: 1, retryAfterMs: OVER_AN_HOUR } },
    ],
    [
      "more rules than the limit",
      { rules: Array.from({ length: MAX_FAULT_RULES + 1 }, () => ({ fault: "drop-before" })) },
    ],
  ])("rejects %s", (_, spec) => {
    expect(faultSpecSchema.safeParse(spec).success).toBe(false);
  });

  it("accepts delays of exactly one hour and the most rules allowed", () => {
    const hour = MAX_FAULT_DELAY_MS;
    const spec = {
      latencyMs: hour,
      rateLimit: { requestsPerSecond: 1, burst: 1, retryAfterMs: hour },
      rules: [
        { fault: "latency", latencyMs: hour },
        { fault: "status", status: 503, retryAfterMs: hour },
        ...Array.from({ length: MAX_FAULT_RULES - 2 }, () => ({ fault: "drop-after" })),
      ],
    };

    expect(faultSpecSchema.safeParse(spec).success).toBe(true);
  });

  it("names the field and its bound in the message", () => {
    const result = faultSpecSchema.safeParse({ latencyMs: 3_000_000_000 });

    expect(result.error?.issues).toEqual([
      expect.objectContaining({
        path: ["latencyMs"],
        message: expect.stringContaining("from 0 to 3600000 (one hour)"),
      }),
    ]);
  });

  it("accepts the documented example", () => {
    const example = {
      seed: 7,
      latencyMs: 50,
      rateLimit: { requestsPerSecond: 20, burst: 5 },
      rules: [
        { fault: "status", status: 503, probability: 0.2, route: "POST /v1/express" },
        { fault: "status", status: 429, next: 3, retryAfterMs: 0 },
        { fault: "drop-before" },
        { fault: "drop-after", probability: 0.5 },
      ],
    };

    expect(faultSpecSchema.parse(example)).toEqual(example);
  });
});
