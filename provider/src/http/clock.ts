/**
 * Time as the client sees it: an injectable {@link Clock} (so tests never wait), and bounds on the
 * offset of the server's clock learned from `Date` headers, used to judge when a customer was
 * created.
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

/**
 * The real clock: monotonic time on the epoch scale, and timers. Monotonic, because a create's
 * reconciliation adds times taken before and after a possible NTP step or resumed machine; a
 * wall clock that jumps between them would misjudge when the lost customer was created.
 */
export const systemClock: Clock = {
  now: () => performance.timeOrigin + performance.now(),
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

/** What one answer proves about the server's clock: its offset (ms ahead of ours) lies here. */
interface OffsetBounds {
  lowMs: number;
  highMs: number;
  /** Local time the request behind this answer left. */
  sentAt: number;
}

// Enough answers to ride out a few slow ones; old ones say little once the clocks drift.
const SAMPLES_KEPT = 16;

// A server clock a day off is broken, not skewed; such a header would only mislead.
const MAX_PLAUSIBLE_OFFSET_MS = 24 * 60 * 60 * 1000;

// RFC 9110 §5.6.7: servers send the IMF-fixdate form, e.g. "Sun, 06 Nov 1994 08:49:37 GMT".
const IMF_FIXDATE = /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/;

/**
 * Bounds how far the server's clock is ahead of ours, per base URL, from the `Date` header of
 * answers. The server stamped `Date` (whole seconds, rounded down) at some moment between our
 * send and our receipt, so each answer bounds the offset to [Date − received,
 * Date + 1 s − sent]. A slow answer only widens its own bounds, so it can never push the offset
 * past the truth.
 */
export class ServerClockOffsets {
  readonly #samples = new Map<string, OffsetBounds[]>();

  /** Records one answer's `Date` header, sent between `sentAt` and `receivedAt` (local ms). */
  observe(origin: string, dateHeader: string | undefined, sentAt: number, receivedAt: number) {
    if (dateHeader === undefined || !IMF_FIXDATE.test(dateHeader.trim())) return;
    const serverTime = Date.parse(dateHeader);
    if (Number.isNaN(serverTime)) return;
    if (Math.abs(serverTime - receivedAt) > MAX_PLAUSIBLE_OFFSET_MS) return;

    const bounds = { lowMs: serverTime - receivedAt, highMs: serverTime + 1_000 - sentAt, sentAt };
    // Bounds that no longer overlap mean a clock was set (NTP, a resumed VM): the older go.
    const agrees = (older: OffsetBounds) =>
      older.lowMs <= bounds.highMs && bounds.lowMs <= older.highMs;
    const kept = (this.#samples.get(origin) ?? []).filter(agrees);
    this.#samples.set(origin, [...kept, bounds].slice(-SAMPLES_KEPT));
  }

  /**
   * The least the server's clock can be ahead of ours (ms, negative when behind), as the tightest
   * lower bound of recent answers; undefined when no `Date` header was seen yet. With `sinceMs`,
   * only answers to requests sent from then on count, when there are any: they measured the
   * server's clock as it is now, even if it was set back before them, which a wide answer could
   * not reveal.
   */
  minOffsetMs(origin: string, sinceMs?: number): number | undefined {
    const samples = this.#samples.get(origin) ?? [];
    const recent = samples.filter((bounds) => sinceMs !== undefined && bounds.sentAt >= sinceMs);
    const counted = recent.length > 0 ? recent : samples;
    if (counted.length === 0) return undefined;

    return Math.max(...counted.map((bounds) => bounds.lowMs));
  }
}

/** Offsets shared by every client of the process. */
export const serverClockOffsets = new ServerClockOffsets();
