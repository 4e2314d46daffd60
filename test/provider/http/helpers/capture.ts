import { expect } from "vitest";

import { systemClock, type Clock } from "../../../../provider/src/http/clock";
import { createLogger, type Logger } from "../../../../provider/src/log";

/** A debug-level logger whose lines a test can read; `alsoInto` collects lines across tests. */
export function captureLogger(alsoInto?: string[]): {
  logger: Logger;
  lines: string[];
  text: () => string;
} {
  const lines: string[] = [];
  const write = (line: string) => {
    lines.push(line);
    alsoInto?.push(line);
  };
  const logger = createLogger({ level: "debug", sink: { write } });
  return { logger, lines, text: () => lines.join("") };
}

/** Real time and real timers, but sleeps end at once; every requested delay is recorded. */
export function instantClock(): Clock & { sleeps: number[] } {
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => Date.now(),
    sleep: async (ms) => {
      sleeps.push(ms);
      await new Promise((resolve) => setImmediate(resolve));
    },
    schedule: systemClock.schedule,
  };
}

/**
 * A fake clock: time moves only when something sleeps or the test advances it. Timers due by then
 * fire at once, earliest first.
 */
export function fakeClock(startMs = Date.parse("2026-12-04T12:00:00Z")): Clock & {
  sleeps: number[];
  advance(ms: number): void;
} {
  let now = startMs;
  const sleeps: number[] = [];
  const timers = new Set<{ at: number; callback: () => void }>();
  const advance = (ms: number) => {
    now += ms;
    for (const timer of [...timers].sort((a, b) => a.at - b.at)) {
      if (timer.at > now) break;
      // A callback may have cancelled a later timer.
      if (timers.delete(timer)) timer.callback();
    }
  };
  return {
    sleeps,
    now: () => now,
    advance,
    sleep: async (ms) => {
      sleeps.push(ms);
      advance(ms);
    },
    schedule: (ms, callback) => {
      const timer = { at: now + ms, callback };
      timers.add(timer);
      return () => {
        timers.delete(timer);
      };
    },
  };
}

/** Everything an error exposes to a user: message, name, code and its JSON form. */
export function errorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return [error.name, error.message, error.stack ?? "", JSON.stringify(error)].join("\n");
}

/** Asserts `secret` appears in none of `texts`, naming which one leaked. */
export function expectNoSecret(texts: string[], secret: string): void {
  const leaks = texts.filter((text) => text.includes(secret));
  expect(leaks, "the API key leaked into a log line or error").toEqual([]);
}

/** Runs `call`, expecting it to reject; returns the error for further checks. */
export async function rejectionOf(call: Promise<unknown>): Promise<unknown> {
  try {
    await call;
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to fail, and it succeeded");
}
