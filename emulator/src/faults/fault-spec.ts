import { z } from "zod";

/** The default server delay hint of injected 429/503 answers: small, so tests stay fast. */
export const DEFAULT_RETRY_AFTER_MS = 100;

const ROUTE_PATTERN = /^(GET|POST|PATCH|PUT|DELETE|HEAD) \/\S*$/;

/**
 * The longest delay a spec may ask for, as latency or as an advertised retry wait: one hour.
 * Node's timers overflow past 2^31-1 ms and then fire after 1 ms, the opposite of what was asked.
 */
export const MAX_FAULT_DELAY_MS = 3_600_000;

/** The most rules a spec may hold; with it, even every latency summed stays in timer range. */
export const MAX_FAULT_RULES = 100;

function delayMs(field: string) {
  const error =
    `${field} must be a whole number of milliseconds from 0 to ${MAX_FAULT_DELAY_MS} (one hour)`;

  return z.int({ error }).min(0, { error }).max(MAX_FAULT_DELAY_MS, { error });
}

const when = {
  /** `"METHOD /template"`, e.g. `GET /v1/express/:id`; absent means every API route. */
  route: z
    .string()
    .regex(ROUTE_PATTERN, { error: 'route must look like "GET /v1/express/:id"' })
    .optional(),
  /** Fire for the next N matching requests, then never again. */
  next: z.int().min(1).optional(),
  /** Fire with this probability, drawn from the spec's seeded generator. */
  probability: z.number().min(0).max(1).optional(),
};

const statusRule = z.strictObject({
  fault: z.literal("status"),
  status: z.union([z.literal(429), z.literal(500), z.literal(503)]),
  /** Sent as `retry-after-ms` and, rounded up to seconds, `Retry-After` (429 and 503 only). */
  retryAfterMs: delayMs("retryAfterMs").optional(),
  ...when,
});

const dropBeforeRule = z.strictObject({ fault: z.literal("drop-before"), ...when });

const dropAfterRule = z.strictObject({ fault: z.literal("drop-after"), ...when });

const latencyRule = z.strictObject({
  fault: z.literal("latency"),
  latencyMs: delayMs("latencyMs"),
  ...when,
});

/** One fault rule; see the README's fault-spec section for the semantics. */
export const faultRuleSchema = z
  .discriminatedUnion("fault", [statusRule, dropBeforeRule, dropAfterRule, latencyRule])
  .refine((rule) => rule.next === undefined || rule.probability === undefined, {
    error: "give either next or probability, not both",
  });

/** The JSON fault spec accepted by `--faults`, `PUT /_emulator/faults` and `startEmulator`. */
export const faultSpecSchema = z.strictObject({
  /** Seed of the generator behind every `probability`; the same seed gives the same faults. */
  seed: z.int().optional(),
  /** Added to every API request before it is processed. */
  latencyMs: delayMs("latencyMs").optional(),
  /** A token bucket per API key (D14): `burst` requests at once, refilled per second. */
  rateLimit: z
    .strictObject({
      // At least one request an hour, so the advertised Retry-After stays within the hour that
      // bounds every other delay here.
      requestsPerSecond: z.number().min(1 / 3600).max(1_000_000),
      burst: z.int().min(1),
      /** Advertised wait; by default the real time until the bucket has a token again. */
      retryAfterMs: delayMs("retryAfterMs").optional(),
    })
    .optional(),
  rules: z
    .array(faultRuleSchema)
    .max(MAX_FAULT_RULES, { error: `a spec has at most ${MAX_FAULT_RULES} rules` })
    .optional(),
});

/** A fault spec; `{}` means no faults. */
export type FaultSpec = z.infer<typeof faultSpecSchema>;

/** One rule of a {@link FaultSpec}. */
export type FaultRule = z.infer<typeof faultRuleSchema>;

/**
 * Validates a fault spec given at start (`source` names the flag or option it came from), or
 * throws an Error that lists every failing field, so the spec can be fixed in one go.
 */
export function checkedFaultSpec(input: unknown, source: string): FaultSpec {
  const result = faultSpecSchema.safeParse(input);

  if (result.success) return result.data;

  const problems = result.error.issues.map(
    (issue) => `${issue.path.join(".") || "(spec)"}: ${issue.message}`,
  );

  throw new Error(`${source} is not a valid fault spec (${problems.join("; ")}).`);
}
