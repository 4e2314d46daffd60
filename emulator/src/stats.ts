/** Request counters per `"<METHOD> <route template>"`, then per status code or `dropped`. */
export type RequestCounts = Record<string, Record<string, number>>;

/** The body of `GET /_emulator/stats`. */
export interface EmulatorStats {
  customersByClinic: Record<string, number>;
  requests: RequestCounts;
  /** Create requests that reached processing, including those whose answer was then lost. */
  createsReceived: number;
}

/** The route key of requests that matched no route. */
export const UNKNOWN_ROUTE = "(unknown route)";

/** In-memory request counters for the admin stats; `reset()` clears them. */
export class RequestStats {
  private requests: RequestCounts = {};
  private creates = 0;

  /** Counts one finished (or dropped) request. */
  countRequest(
    method: string,
    routeTemplate: string | undefined,
    outcome: number | "dropped",
  ): void {
    const route = `${method} ${routeTemplate ?? UNKNOWN_ROUTE}`;
    const byOutcome = (this.requests[route] ??= {});

    byOutcome[String(outcome)] = (byOutcome[String(outcome)] ?? 0) + 1;
  }

  /** Counts a create that passed validation and is about to be written. */
  countCreate(): void {
    this.creates += 1;
  }

  /** A copy of the counters, plus the given per-clinic customer counts. */
  snapshot(customersByClinic: Record<string, number>): EmulatorStats {
    return {
      customersByClinic,
      requests: structuredClone(this.requests),
      createsReceived: this.creates,
    };
  }

  /** Clears every counter. */
  reset(): void {
    this.requests = {};
    this.creates = 0;
  }
}
