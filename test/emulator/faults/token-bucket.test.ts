import { describe, expect, it } from "vitest";

import { seededRandom } from "../../../emulator/src/faults/seeded-random";
import { TokenBuckets } from "../../../emulator/src/faults/token-bucket";

describe("TokenBuckets", () => {
  it("lets a burst through, then answers the wait until the next token", () => {
    let nowMs = 0;
    const buckets = new TokenBuckets(2, 2, () => nowMs);

    expect([buckets.take("a"), buckets.take("a")]).toEqual([{ allowed: true }, { allowed: true }]);
    expect(buckets.take("a")).toEqual({ allowed: false, retryAfterMs: 500 });
    nowMs = 250;
    expect(buckets.take("a")).toEqual({ allowed: false, retryAfterMs: 250 });
    nowMs = 500;
    expect(buckets.take("a")).toEqual({ allowed: true });
  });

  it("keeps one bucket per caller", () => {
    const buckets = new TokenBuckets(1, 1, () => 0);

    buckets.take("a");

    expect(buckets.take("a").allowed).toBe(false);
    expect(buckets.take("b").allowed).toBe(true);
  });

  it("never refills past the burst", () => {
    let nowMs = 0;
    const buckets = new TokenBuckets(10, 1, () => nowMs);
    buckets.take("a");

    nowMs = 60_000;

    expect(buckets.take("a").allowed).toBe(true);
    expect(buckets.take("a").allowed).toBe(false);
  });
});

describe("seededRandom", () => {
  it("returns numbers in [0, 1)", () => {
    const random = seededRandom(42);
    const draws = Array.from({ length: 1000 }, random);

    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThan(1);
  });
});
