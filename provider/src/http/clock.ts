/**
 * Time as the client sees it: an injectable {@link Clock} (so tests never wait), and the offset of
 * the server's clock learned from `Date` headers, used to judge when a customer was created.
 */

/** Stops a {@link Clock.schedule}d callback from running; harmless once it ran. */
export type CancelTimer = () => void;

/** Milliseconds since the epoch, and ways to wait. */
export interface Clock {
  /** The current time, in ms since the epoch. */
  now(): number;
  /** Resolves after `ms`. */
  sleep(ms: number): Promise<void>;
  /** Runs `callback` once, `ms` from now, unless the returned function cancels it first. */
  schedule(ms: number, callback: () => void): CancelTimer;
}

/** The longest delay one Node timer holds (about 24.8 days); a longer one fires at once. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** The real clock: `Date.now()` and timers. */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
  schedule: (ms, callback) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    // A long deadline is waited out in steps, so it does not end early.
    const arm = (leftMs: number) => {
      const stepMs = Math.min(Math.max(0, leftMs), MAX_TIMER_MS);
      timer = setTimeout(() => (leftMs > stepMs ? arm(leftMs - stepMs) : callback()), stepMs);
    };
    arm(ms);
    return () => clearTimeout(timer);
  },
};

/**
 * Tracks how far the server's clock is ahead of ours, per base URL, from the `Date` header of
 * answers. A `Date` header has whole seconds, so one estimate can be up to a second low; the
 * largest recent estimate is kept, which is the closest to the truth.
 */
export class ServerClockOffsets {
  readonly #estimates = new Map<string, number[]>();

  /** Records one answer's `Date` header, sent between `sentAt` and `receivedAt` (local ms). */
  observe(origin: string, dateHeader: string | undefined, sentAt: number, receivedAt: number) {
    if (dateHeader === undefined) return;
    const serverTime = Date.parse(dateHeader);
    if (Number.isNaN(serverTime)) return;

    // The server stamped the answer somewhere in the round trip; its midpoint is the best guess.
    const estimate = serverTime - (sentAt + receivedAt) / 2;
    const recent = [...(this.#estimates.get(origin) ?? []), estimate].slice(-16);
    this.#estimates.set(origin, recent);
  }

  /** Server time minus local time in ms, or undefined when no `Date` header was seen yet. */
  offsetMs(origin: string): number | undefined {
    const recent = this.#estimates.get(origin);
    if (recent === undefined || recent.length === 0) return undefined;
    return Math.max(...recent);
  }
}

/** Offsets shared by every client of the process. */
export const serverClockOffsets = new ServerClockOffsets();
