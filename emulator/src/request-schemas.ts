import { z } from "zod";

import { USER_ID_PATTERN } from "./ids";

/** The documented metadata limits: pairs, key length and value length. */
export const METADATA_LIMITS = { maxPairs: 50, maxKeyLength: 100, maxValueLength: 1000 };

const metadataSchema = z
  .record(
    z.string().max(METADATA_LIMITS.maxKeyLength, {
      error: `metadata keys are at most ${METADATA_LIMITS.maxKeyLength} characters`,
    }),
    z
      .string({ error: "metadata values must be strings" })
      .max(METADATA_LIMITS.maxValueLength, {
        error: `metadata values are at most ${METADATA_LIMITS.maxValueLength} characters`,
      }),
    { error: "metadata must be an object of string values" },
  )
  .refine((metadata) => Object.keys(metadata).length <= METADATA_LIMITS.maxPairs, {
    error: `metadata has at most ${METADATA_LIMITS.maxPairs} pairs`,
  });

// Names are not trimmed and have no documented maximum.
const nameSchema = z
  .string({ error: "expressCustomerName must be a string" })
  .min(1, { error: "expressCustomerName must be at least 1 character" });

// Only a wrong type gets this message; unknown fields keep their own issue (see validation.ts).
const NOT_AN_OBJECT = {
  error: (issue: { code: string }) =>
    issue.code === "invalid_type" ? "the body must be a JSON object" : undefined,
};

/** Body of `POST /v1/express`. Unknown fields are rejected so that typos surface early. */
export const createCustomerBody = z.strictObject(
  { expressCustomerName: nameSchema, metadata: metadataSchema.optional() },
  NOT_AN_OBJECT,
);

/** Body of `PATCH /v1/express/{id}`: every field optional; `metadata: null` clears (D2). */
export const updateCustomerBody = z.strictObject(
  { expressCustomerName: nameSchema.optional(), metadata: metadataSchema.nullable().optional() },
  NOT_AN_OBJECT,
);

/** Body of `POST` and `DELETE /v1/express/{id}/users`. */
export const membershipBody = z.strictObject(
  {
    userId: z
      .string({ error: "userId must be a string" })
      .regex(USER_ID_PATTERN, { error: "userId must be usr_ followed by 32 lowercase hex digits" }),
  },
  NOT_AN_OBJECT,
);

const INTEGRAL_NUMBER = /^[0-9]+(\.0*)?$/;

/** Query of `GET /v1/express` (D11); the cursor is checked separately because it is opaque. */
export const listCustomersQuery = z.object({
  limit: z
    .string({ error: "limit must be given once" })
    .optional()
    .transform((raw, context) => {
      if (raw === undefined) return 20;

      const limit = Number(raw);

      // The Python, Java and C# SDKs type limit as a float and may send 20.0.
      if (!INTEGRAL_NUMBER.test(raw) || limit < 1 || limit > 100) {
        context.addIssue({ code: "custom", message: "limit must be an integer from 1 to 100" });
        return z.NEVER;
      }

      return limit;
    }),
  cursor: z.string({ error: "cursor must be given once" }).optional(),
});
