import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { ServerClockOffsets, systemClock } from "../../../provider/src/http/clock";

describe("systemClock.schedule", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it("runs the callback once its delay has passed, not before", () => {
    const callback = vi.fn();
    systemClock.schedule(1_000, callback);

    vi.advanceTimersByTime(999);
    expect(callback).not.toHaveBeenCalled();

    vi.advanceTimersByTime(1);
    expect(callback).toHaveBeenCalledOnce();
  });

  it("never runs a cancelled callback", () => {
    const callback = vi.fn();
    const cancel = systemClock.schedule(1_000, callback);

    cancel();
    vi.advanceTimersByTime(2_000);

    expect(callback).not.toHaveBeenCalled();
  });

  it("waits out a delay longer than one Node timer can hold, and can still be cancelled", () => {
    const longMs = 2 ** 31 + 5_000;
    const callback = vi.fn();
    const cancelled = vi.fn();
    systemClock.schedule(longMs, callback);
    const cancel = systemClock.schedule(longMs, cancelled);

    vi.advanceTimersByTime(2 ** 31);
    expect(callback).not.toHaveBeenCalled();

    cancel();
    vi.advanceTimersByTime(5_000);
    expect(callback).toHaveBeenCalledOnce();
    expect(cancelled).not.toHaveBeenCalled();
  });
});

describe("systemClock.now", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("keeps counting forward when the wall clock is set back", () => {
    const before = systemClock.now();
    vi.spyOn(Date, "now").mockReturnValue(0);

    expect(systemClock.now()).toBeGreaterThanOrEqual(before);
  });
});

describe("ServerClockOffsets", () => {
  const ORIGIN = "https://api.example.com/";
  const T0 = Date.parse("2026-12-04T12:00:00.000Z");

  /** Records an answer the server stamped at local time `stampedAt` on a clock `offsetMs` ahead. */
  function answer(
    offsets: ServerClockOffsets,
    sample: { sentAt: number; stampedAt: number; receivedAt: number; offsetMs: number },
  ): void {
    const date = new Date(sample.stampedAt + sample.offsetMs).toUTCString();
    offsets.observe(ORIGIN, date, sample.sentAt, sample.receivedAt);
  }

  it("knows nothing before a Date header was seen", () => {
    const offsets = new ServerClockOffsets();
    offsets.observe(ORIGIN, undefined, T0, T0 + 10);
    offsets.observe(ORIGIN, "not a date", T0, T0 + 10);

    expect(offsets.minOffsetMs(ORIGIN)).toBeUndefined();
  });

  it("bounds the offset from below by the Date header minus the time of receipt", () => {
    const offsets = new ServerClockOffsets();
    answer(offsets, { sentAt: T0 + 400, stampedAt: T0 + 450, receivedAt: T0 + 500, offsetMs: 0 });

    // The header says 12:00:00 (the .450 is cut off), received at .500 local time.
    expect(offsets.minOffsetMs(ORIGIN)).toBe(-500);
  });

  it.each([
    ["stamped as it answered", 14_000],
    ["stamped as it received the request", 0],
  ])("is never raised past the true offset by a slow answer %s", (_when, stampAfterMs) => {
    const offsets = new ServerClockOffsets();
    const trueOffsetMs = 2_300;
    const first = { sentAt: T0, stampedAt: T0 + 20, receivedAt: T0 + 40 };
    answer(offsets, { ...first, offsetMs: trueOffsetMs });
    const sentAt = T0 + 1_000;
    const stampedAt = sentAt + stampAfterMs;
    answer(offsets, { sentAt, stampedAt, receivedAt: sentAt + 14_000, offsetMs: trueOffsetMs });

    const minOffsetMs = offsets.minOffsetMs(ORIGIN)!;

    expect(minOffsetMs).toBeLessThanOrEqual(trueOffsetMs);
    expect(minOffsetMs).toBeGreaterThan(trueOffsetMs - 1_100);
  });

  it("forgets earlier answers that a change of either clock contradicts", () => {
    const offsets = new ServerClockOffsets();
    answer(offsets, { sentAt: T0, stampedAt: T0 + 5, receivedAt: T0 + 10, offsetMs: 0 });
    // Our clock was then set a minute ahead: the server is now 60 s behind us.
    const later = T0 + 120_000;
    const after = { sentAt: later, stampedAt: later + 5, receivedAt: later + 10 };
    answer(offsets, { ...after, offsetMs: -60_000 });

    const minOffsetMs = offsets.minOffsetMs(ORIGIN)!;

    expect(minOffsetMs).toBeLessThanOrEqual(-60_000);
    expect(minOffsetMs).toBeGreaterThan(-61_100);
  });

  it.each([
    ["a bare number", "0"],
    ["a bare year", "2026"],
    ["an ISO timestamp", "2026-12-04T12:00:05Z"],
    ["a date in 1970", "Thu, 01 Jan 1970 00:00:00 GMT"],
    ["a date in 2100", "Fri, 01 Jan 2100 00:00:00 GMT"],
  ])("ignores a Date header that is %s, keeping what earlier answers proved", (_what, date) => {
    const offsets = new ServerClockOffsets();
    answer(offsets, { sentAt: T0, stampedAt: T0 + 5, receivedAt: T0 + 10, offsetMs: 0 });
    const before = offsets.minOffsetMs(ORIGIN);

    offsets.observe(ORIGIN, date, T0 + 1_000, T0 + 1_010);

    expect(offsets.minOffsetMs(ORIGIN)).toBe(before);
  });

  it("measures from answers since a moment, so a server clock set back before them counts", () => {
    const offsets = new ServerClockOffsets();
    answer(offsets, { sentAt: T0, stampedAt: T0 + 5, receivedAt: T0 + 10, offsetMs: 0 });
    // The server's clock is then set 8 s back, and the next answer is slow enough (9 s) that its
    // bounds still overlap the first answer's.
    const sentAt = T0 + 10_000;
    const slow = { sentAt, stampedAt: sentAt + 9_000, receivedAt: sentAt + 9_000 };
    answer(offsets, { ...slow, offsetMs: -8_000 });

    expect(offsets.minOffsetMs(ORIGIN)).toBeGreaterThan(-8_000);
    expect(offsets.minOffsetMs(ORIGIN, sentAt)).toBeLessThanOrEqual(-8_000);
  });

  it("measures from every answer when none came since the moment asked about", () => {
    const offsets = new ServerClockOffsets();
    answer(offsets, { sentAt: T0, stampedAt: T0 + 5, receivedAt: T0 + 10, offsetMs: 0 });

    expect(offsets.minOffsetMs(ORIGIN, T0 + 60_000)).toBe(offsets.minOffsetMs(ORIGIN));
  });

  it("keeps each base URL apart", () => {
    const offsets = new ServerClockOffsets();
    answer(offsets, { sentAt: T0, stampedAt: T0, receivedAt: T0, offsetMs: 30_000 });

    expect(offsets.minOffsetMs("http://127.0.0.1:4010/")).toBeUndefined();
  });
});
