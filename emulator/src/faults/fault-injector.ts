import {
  DEFAULT_RETRY_AFTER_MS,
  type FaultRule,
  type FaultSpec,
  faultSpecSchema,
} from "./fault-spec";
import { seededRandom } from "./seeded-random";
import { TokenBuckets } from "./token-bucket";

/** What happens to one API request, decided when it arrives. */
export interface FaultDecision {
  /** Delay before the request is processed. */
  latencyMs: number;
  action:
    | { kind: "none" }
    | { kind: "status"; status: 429 | 500 | 503; retryAfterMs: number }
    | { kind: "drop-before" }
    | { kind: "drop-after" };
}

/** The request facts a rule can match on. */
export interface FaultTarget {
  method: string;
  /** The route template, e.g. `/v1/express/:expressCustomerId`; `undefined` for unknown routes. */
  routeTemplate: string | undefined;
  /**
   * The ID of the caller's API key, which the rate limit counts against; `undefined` when the
   * request carries no known key (it is then not rate limited, and gets its 401).
   */
  callerKeyId: string | undefined;
}

// Rules may name parameters as `:id`, `:expressCustomerId` or `{expressCustomerId}`.
function normalizeRoute(route: string): string {
  return route.replace(/:[^/]+|\{[^/}]+\}/g, ":");
}

/**
 * Holds the active fault spec and decides, per request and deterministically, which fault fires:
 * `next` counters per rule, and `probability` draws from a generator seeded by the spec.
 */
export class FaultInjector {
  private spec: FaultSpec = {};
  private remaining: (number | undefined)[] = [];
  private random: () => number = seededRandom(0);
  private buckets: TokenBuckets | undefined;

  constructor(spec: FaultSpec = {}) {
    this.replace(spec);
  }

  /** Replaces the whole spec (validated; `{}` clears) and restarts its counters and generator. */
  replace(spec: unknown): FaultSpec {
    this.spec = faultSpecSchema.parse(spec);
    this.remaining = (this.spec.rules ?? []).map((rule) => rule.next);
    this.random = seededRandom(this.spec.seed ?? 0);
    this.buckets =
      this.spec.rateLimit === undefined
        ? undefined
        : new TokenBuckets(this.spec.rateLimit.requestsPerSecond, this.spec.rateLimit.burst);

    return this.active();
  }

  /** The active spec, as given. */
  active(): FaultSpec {
    return structuredClone(this.spec);
  }

  /** Decides the faults for one request; rules are tried in order and the first fault wins. */
  decide(target: FaultTarget): FaultDecision {
    const decision: FaultDecision = {
      latencyMs: this.spec.latencyMs ?? 0,
      action: { kind: "none" },
    };
    const rateLimited = this.takeRateLimitToken(target.callerKeyId);

    if (rateLimited !== undefined) {
      decision.action = { kind: "status", status: 429, retryAfterMs: rateLimited };
      return decision;
    }

    const rules = this.spec.rules ?? [];

    for (const [index, rule] of rules.entries()) {
      if (!this.matches(rule, target) || !this.fires(rule, index)) continue;

      if (rule.fault === "latency") {
        decision.latencyMs += rule.latencyMs;
        continue;
      }

      decision.action =
        rule.fault === "status"
          ? {
              kind: "status",
              status: rule.status,
              retryAfterMs: rule.retryAfterMs ?? DEFAULT_RETRY_AFTER_MS,
            }
          : { kind: rule.fault };
      return decision;
    }

    return decision;
  }

  private takeRateLimitToken(callerKeyId: string | undefined): number | undefined {
    if (this.buckets === undefined || callerKeyId === undefined) return undefined;

    const result = this.buckets.take(callerKeyId);

    if (result.allowed) return undefined;

    return this.spec.rateLimit?.retryAfterMs ?? result.retryAfterMs;
  }

  private matches(rule: FaultRule, target: FaultTarget): boolean {
    if (rule.route === undefined) return true;

    if (target.routeTemplate === undefined) return false;

    const route = `${target.method} ${target.routeTemplate}`;

    return normalizeRoute(rule.route) === normalizeRoute(route);
  }

  // Only matching rules consume a count or a draw, so each route's sequence is reproducible.
  private fires(rule: FaultRule, index: number): boolean {
    const left = this.remaining[index];

    if (left !== undefined) {
      if (left === 0) return false;

      this.remaining[index] = left - 1;
      return true;
    }

    return rule.probability === undefined || this.random() < rule.probability;
  }
}
