/**
 * The process-wide request limiter. Every dynamic resource of a deployment shares one provider
 * process, so one limiter sees all their requests: it caps how many are in flight, halves that
 * cap on a 429 and grows it back slowly, and holds every request until a 429's retry time. No
 * request waits in it past its caller's deadline.
 */
import type { Clock } from "./clock";

/** Requests in flight at most, when the server is not pushing back. */
export const MAX_IN_FLIGHT = 8;

/** The longest a 429 may hold the process, whatever its Retry-After says. */
export const MAX_PAUSE_MS = 60_000;

/** Gives a slot back; call exactly once. */
export type Release = () => void;

/** A queued request; calling it hands the request the slot already counted for it. */
type Waiter = () => void;

/** A concurrency cap that adapts to 429s (additive increase, multiplicative decrease). */
export class RequestLimiter {
  readonly maxInFlight: number;
  #limit: number;
  #inFlight = 0;
  #pausedUntil = 0;
  readonly #waiting: Waiter[] = [];

  constructor(maxInFlight = MAX_IN_FLIGHT) {
    this.maxInFlight = maxInFlight;
    this.#limit = maxInFlight;
  }

  /** Requests allowed in flight now (at least 1). */
  get limit(): number {
    return Math.max(1, Math.floor(this.#limit));
  }

  /** Requests holding a slot now. */
  get inFlight(): number {
    return this.#inFlight;
  }

  /** Requests queued for a slot now. */
  get waiting(): number {
    return this.#waiting.length;
  }

  /** Local time (ms) before which no request starts, after a 429. */
  get pausedUntil(): number {
    return this.#pausedUntil;
  }

  /**
   * Waits for the pause to end and a slot to free up, but not past `deadlineAt` (local ms).
   * Resolves to a {@link Release} before the deadline, or to null when the pause lasts past it or
   * the deadline comes while the request is queued (the caller then fails rather than wait in
   * vain); a request given up on leaves the queue and holds no slot. A `retry` goes to the head of
   * the queue, so a call that was pushed back is not starved by newcomers.
   */
  async acquire(clock: Clock, deadlineAt: number, retry = false): Promise<Release | null> {
    for (;;) {
      if (clock.now() >= deadlineAt) return null;

      const pauseMs = this.#pausedUntil - clock.now();
      if (pauseMs > 0) {
        if (clock.now() + pauseMs >= deadlineAt) return null;
        await clock.sleep(pauseMs);
        continue;
      }

      if (!(await this.#takeSlot(clock, deadlineAt, retry))) return null;
      // A 429 elsewhere may have started a pause while this request queued, or a late timer may
      // have let the deadline pass; either way the slot goes back and the loop decides again.
      if (this.#pausedUntil <= clock.now() && clock.now() < deadlineAt) return this.#releaser();
      this.#giveBack();
    }
  }

  /** A 429 arrived: hold every request until `retryAt` (local ms) and halve the cap. */
  onRateLimited(retryAt: number): void {
    this.#pausedUntil = Math.max(this.#pausedUntil, retryAt);
    this.#limit = Math.max(1, this.#limit / 2);
  }

  /** An answer that was not a 429 arrived: grow the cap by about one slot per full window. */
  onAnswered(): void {
    this.#limit = Math.min(this.maxInFlight, this.#limit + 1 / this.#limit);
    this.#wakeWaiting();
  }

  /** Resolves to true with a slot taken, or to false when `deadlineAt` came first. */
  #takeSlot(clock: Clock, deadlineAt: number, retry: boolean): Promise<boolean> {
    if (this.#inFlight < this.limit && this.#waiting.length === 0) {
      this.#inFlight += 1;
      return Promise.resolve(true);
    }

    return new Promise((resolve) => {
      let cancelTimer = () => {};
      const waiter: Waiter = () => {
        cancelTimer();
        resolve(true);
      };
      if (retry) this.#waiting.unshift(waiter);
      else this.#waiting.push(waiter);

      // At the deadline the waiter leaves the queue, so no later release hands it a slot that
      // nobody would give back. A waiter already served is no longer queued and stays served.
      cancelTimer = clock.schedule(deadlineAt - clock.now(), () => {
        const index = this.#waiting.indexOf(waiter);
        if (index === -1) return;
        this.#waiting.splice(index, 1);
        resolve(false);
      });
    });
  }

  #releaser(): Release {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#giveBack();
    };
  }

  #giveBack(): void {
    this.#inFlight -= 1;
    this.#wakeWaiting();
  }

  #wakeWaiting(): void {
    while (this.#inFlight < this.limit && this.#waiting.length > 0) {
      this.#inFlight += 1;
      this.#waiting.shift()?.();
    }
  }
}

/** The limiter every client of the process shares. */
export const processLimiter = new RequestLimiter();
