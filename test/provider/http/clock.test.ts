import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { systemClock } from "../../../provider/src/http/clock";

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
