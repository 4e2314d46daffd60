import { describe, expect, it } from "vitest";

import { processLimiter, RequestLimiter } from "../../../provider/src/http/limiter";
import { fakeClock } from "./helpers/capture";

const FAR = Number.MAX_SAFE_INTEGER;

/** A one-slot limiter whose slot is held, and a request queued with a deadline a second away. */
async function queuedBehindHolder() {
  const limiter = new RequestLimiter(1);
  const clock = fakeClock();
  const holder = await limiter.acquire(clock, FAR);
  const queued = limiter.acquire(clock, clock.now() + 1_000);
  return { limiter, clock, holder, queued };
}

describe("RequestLimiter", () => {
  it("lets at most its limit in flight and queues the rest in order", async () => {
    const limiter = new RequestLimiter(2);
    const clock = fakeClock();
    const order: number[] = [];

    const first = await limiter.acquire(clock, FAR);
    const second = await limiter.acquire(clock, FAR);
    const third = limiter.acquire(clock, FAR).then((release) => (order.push(3), release));
    const fourth = limiter.acquire(clock, FAR).then((release) => (order.push(4), release));
    await Promise.resolve();

    expect(limiter.inFlight).toBe(2);
    expect(order).toEqual([]);

    first?.();
    (await third)?.();
    second?.();
    (await fourth)?.();

    expect(order).toEqual([3, 4]);
    expect(limiter.inFlight).toBe(0);
  });

  it("serves a retry before newcomers already queued", async () => {
    const limiter = new RequestLimiter(1);
    const clock = fakeClock();
    const order: string[] = [];

    const holder = await limiter.acquire(clock, FAR);
    const newcomer = limiter.acquire(clock, FAR).then((release) => (order.push("new"), release));
    const retry = limiter
      .acquire(clock, FAR, true)
      .then((release) => (order.push("retry"), release));
    holder?.();
    (await retry)?.();
    (await newcomer)?.();

    expect(order).toEqual(["retry", "new"]);
  });

  it("ignores a second release of the same slot", async () => {
    const limiter = new RequestLimiter(2);
    const release = await limiter.acquire(fakeClock(), FAR);
    await limiter.acquire(fakeClock(), FAR);

    release?.();
    release?.();

    expect(limiter.inFlight).toBe(1);
  });

  it("halves its limit on a 429 and grows it back as answers arrive", () => {
    const limiter = new RequestLimiter(8);

    limiter.onRateLimited(0);
    expect(limiter.limit).toBe(4);
    limiter.onRateLimited(0);
    limiter.onRateLimited(0);
    limiter.onRateLimited(0);
    expect(limiter.limit).toBe(1);

    for (let i = 0; i < 100; i += 1) limiter.onAnswered();
    expect(limiter.limit).toBe(8);
  });

  it("holds every request until a 429's retry time", async () => {
    const limiter = new RequestLimiter(8);
    const clock = fakeClock();
    limiter.onRateLimited(clock.now() + 1500);

    const release = await limiter.acquire(clock, FAR);

    expect(release).not.toBeNull();
    expect(clock.sleeps).toEqual([1500]);
  });

  it("gives up at once when the pause outlasts the caller's deadline", async () => {
    const limiter = new RequestLimiter(8);
    const clock = fakeClock();
    limiter.onRateLimited(clock.now() + 10_000);

    expect(await limiter.acquire(clock, clock.now() + 5_000)).toBeNull();
    expect(clock.sleeps).toEqual([]);
  });

  it("drops a queued request at its deadline and serves the next one on release", async () => {
    const { limiter, clock, holder, queued } = await queuedBehindHolder();
    const next = limiter.acquire(clock, FAR);
    clock.advance(1_000);

    expect(await queued).toBeNull();
    expect(limiter.waiting).toBe(1);
    expect(limiter.inFlight).toBe(1);

    holder?.();
    expect(limiter.waiting).toBe(0);
    const release = await next;
    expect(release).not.toBeNull();
    expect(limiter.inFlight).toBe(1);

    release?.();
    expect(limiter.inFlight).toBe(0);
  });

  it("keeps a slot served before the deadline, and the deadline later does nothing", async () => {
    const { limiter, clock, holder, queued } = await queuedBehindHolder();
    const next = limiter.acquire(clock, FAR);
    holder?.();
    const release = await queued;
    clock.advance(5_000);

    expect(release).not.toBeNull();
    expect(limiter.inFlight).toBe(1);
    expect(limiter.waiting).toBe(1);

    release?.();
    (await next)?.();
    expect(limiter.inFlight).toBe(0);
  });

  it("gives back a slot that reaches a queued request only after its deadline", async () => {
    const { limiter, clock, holder, queued } = await queuedBehindHolder();
    holder?.();
    // The deadline passes between the hand-over and the moment the request resumes.
    clock.advance(2_000);

    expect(await queued).toBeNull();
    expect(limiter.inFlight).toBe(0);
    expect(limiter.waiting).toBe(0);
  });

  it("gives up at once when the deadline has already passed", async () => {
    const limiter = new RequestLimiter(1);
    const clock = fakeClock();

    expect(await limiter.acquire(clock, clock.now())).toBeNull();
    expect(limiter.inFlight).toBe(0);
  });

  it("is one instance per process", async () => {
    const again = await import("../../../provider/src/http/limiter.js");

    expect(again.processLimiter).toBe(processLimiter);
    expect(processLimiter.maxInFlight).toBe(8);
  });
});
