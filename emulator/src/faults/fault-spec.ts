import { z } from "zod";

/** The default server delay hint of injected 429/503 answers: small, so tests stay fast. */
export const DEFAULT_RETRY_AFTER_MS = 100;

const ROUTE_PATTERN = /^(GET|POST|PATCH|PUT|DELETE|HEAD) \/\S*$/;

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
  retryAfterMs: z.int().min(0).optional(),
  ...when,
});

const dropBeforeRule = z.strictObject({ fault: z.literal("drop-before"), ...when });

const dropAfterRule = z.strictObject({ fault: z.literal("drop-after"), ...when });

const latencyRule = z.strictObject({
  fault: z.literal("latency"),
  latencyMs: z.int().min(0),
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
  latencyMs: z.int().min(0).optional(),
  /** A token bucket per API key (D14): `burst` requests at once, refilled per second. */
  rateLimit: z
    .strictObject({
      requestsPerSecond: z.number().positive(),
      burst: z.int().min(1),
      /** Advertised wait; by default the real time until the bucket has a token again. */
      retryAfterMs: z.int().min(0).optional(),
    })
    .optional(),
  rules: z.array(faultRuleSchema).optional(),
});

/** A fault spec; `{}` means no faults. */
export type FaultSpec = z.infer<typeof faultSpecSchema>;

/** One rule of a {@link FaultSpec}. */
export type FaultRule = z.infer<typeof faultRuleSchema>;
