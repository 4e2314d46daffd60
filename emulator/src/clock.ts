/** Supplies the current time; tests pass a fake one so that timestamp rules can fail visibly. */
export type Clock = () => Date;

/** The wall clock. */
export const systemClock: Clock = () => new Date();

/** Formats a time as RFC 3339 UTC with milliseconds, e.g. `2026-12-04T15:21:56.123Z` (D13). */
export function toTimestamp(time: Date): string {
  return time.toISOString();
}

/**
 * Formats `now`, moved to 1 ms after `previous` unless it is later already: a sequence of such
 * timestamps strictly increases even when the clock stands still or steps back.
 */
export function timestampAfter(now: Date, previous: string | undefined): string {
  const previousMs = previous === undefined ? Number.NEGATIVE_INFINITY : Date.parse(previous);

  return toTimestamp(new Date(Math.max(now.getTime(), previousMs + 1)));
}
