/**
 * The zod schema of the resource's inputs, with the API's documented limits, and the mapping of
 * its issues to Pulumi check failures: one per property, each with the reason and the fix.
 */
import type * as pulumi from "@pulumi/pulumi";
import { z } from "zod";

import { CUSTOMER_ID_PATTERN } from "../http/ids";
import { UNSTORABLE_KEY_REASON, unstorableMetadataKeys } from "./metadata-keys";
import { UNKNOWN_VALUE } from "./unknown-value";

/** Most metadata pairs a customer may hold (the API's documented limit). */
export const METADATA_MAX_PAIRS = 50;

/** Longest metadata key, in characters. */
export const METADATA_KEY_MAX_LENGTH = 100;

/** Longest metadata value, in characters. */
export const METADATA_VALUE_MAX_LENGTH = 1000;

/** The inputs that describe the customer; each one updates in place. */
export const UPDATABLE_INPUTS = ["expressCustomerName", "metadata", "isActive"] as const;

/** Every input property of `avara.ExpressCustomer`, in the order the docs list them. */
export const INPUT_NAMES = [...UPDATABLE_INPUTS, "adoptExistingId"] as const;

// A value not known yet passes here; the engine checks again with the real value before `up`
// creates or updates anything.
function orUnknown<T extends z.ZodType>(schema: T) {
  return z.union([z.literal(UNKNOWN_VALUE), schema]);
}

function lengthOf(input: unknown): number {
  return typeof input === "string" ? input.length : 0;
}

const name = z
  .string({
    error: (issue) =>
      issue.input === undefined
        ? "is required: give the customer's display name, for example \"City Radiology\"."
        : "must be a string: give the customer's display name, for example \"City Radiology\".",
  })
  .min(1, { error: "must not be empty: give the customer's display name (1 character or more)." });

const metadataKey = z
  .string()
  .min(1, { error: "is an empty metadata key: give every key 1 to 100 characters." })
  .max(METADATA_KEY_MAX_LENGTH, {
    error: (issue) =>
      `is a metadata key of ${lengthOf(issue.input)} characters, more than the ` +
      `${METADATA_KEY_MAX_LENGTH} the Avara API allows: shorten the key.`,
  });

const metadataValue = z
  .string({
    error:
      "must be a string: metadata values are text, so convert the value, for example with " +
      "String(value) or JSON.stringify(value).",
  })
  .max(METADATA_VALUE_MAX_LENGTH, {
    error: (issue) =>
      `is ${lengthOf(issue.input)} characters long, more than the ${METADATA_VALUE_MAX_LENGTH} ` +
      "the Avara API allows: shorten the value or split it across several keys.",
  });

function pairCount(input: unknown): number {
  return typeof input === "object" && input !== null ? Object.keys(input).length : 0;
}

const metadata = z
  .record(metadataKey, orUnknown(metadataValue), {
    error:
      "must be a map of strings to strings, for example { region: \"northeast\" }, or be left " +
      "out for no metadata.",
  })
  .refine((map) => Object.keys(map).length <= METADATA_MAX_PAIRS, {
    error: (issue) =>
      `has ${pairCount(issue.input)} pairs, more than the ${METADATA_MAX_PAIRS} the Avara API ` +
      `allows: remove ${pairCount(issue.input) - METADATA_MAX_PAIRS} or combine some of them.`,
  });

const isActive = z.boolean({
  error: "must be true or false: false deactivates the customer; leave it out to keep it active.",
});

const adoptExistingId = z.string().regex(CUSTOMER_ID_PATTERN, {
  error:
    "must be an Express customer ID, \"cus_\" and 32 lowercase hex digits: copy the " +
    "expressCustomerId from the Avara dashboard or the API.",
});

/** The inputs as the program may give them; `null` and absent mean "the default". */
export const inputSchema = z.strictObject({
  expressCustomerName: orUnknown(name),
  metadata: orUnknown(metadata).nullish(),
  isActive: orUnknown(isActive).nullish(),
  adoptExistingId: orUnknown(adoptExistingId).nullish(),
});

/** The inputs as {@link inputSchema} accepts them, before defaults are applied. */
export type ParsedInputs = z.output<typeof inputSchema>;

const UNKNOWN_PROPERTY_REASON =
  `is not an input of avara.ExpressCustomer: the inputs are ${INPUT_NAMES.join(", ")}. ` +
  "Remove it, or correct its spelling.";

// Pulumi property paths: `metadata.region`, or `metadata["team.lead"]` for keys that are not
// plain identifiers. Keys past the API's limit are cut, so one bad key cannot flood the terminal.
function propertyPath(path: readonly PropertyKey[]): string {
  return path
    .map((segment, index) => {
      const text = String(segment);
      const shown = text.length > 40 ? `${text.slice(0, 40)}…` : text;
      if (/^[A-Za-z_$][\w$]*$/.test(shown)) return index === 0 ? shown : `.${shown}`;
      return `[${JSON.stringify(shown)}]`;
    })
    .join("");
}

interface PathReason {
  path: PropertyKey[];
  reason: string;
}

// Unions and record keys nest their issues; the branch after the unknown-value literal, and the
// key's own issues, are the ones that explain the failure.
function flatten(issues: readonly z.core.$ZodIssue[], base: PropertyKey[]): PathReason[] {
  return issues.flatMap((issue): PathReason[] => {
    const path = [...base, ...issue.path];

    switch (issue.code) {
      case "invalid_union":
        return flatten(issue.errors.at(-1) ?? [], path);
      case "invalid_key":
        return flatten(issue.issues, path);
      case "unrecognized_keys":
        return issue.keys.map((key) => ({ path: [...path, key], reason: UNKNOWN_PROPERTY_REASON }));
      default:
        return [{ path, reason: issue.message }];
    }
  });
}

/** One failure per metadata key that would be dropped on the way to the API (`__proto__`). */
export function unstorableKeyFailures(metadata: unknown): pulumi.dynamic.CheckFailure[] {
  return unstorableMetadataKeys(metadata).map((key) => ({
    property: propertyPath(["metadata", key]),
    reason: UNSTORABLE_KEY_REASON,
  }));
}

/** Maps zod issues to check failures, one per property (several reasons are joined). */
export function checkFailures(issues: readonly z.core.$ZodIssue[]): pulumi.dynamic.CheckFailure[] {
  const reasons = new Map<string, string[]>();

  for (const { path, reason } of flatten(issues, [])) {
    const property = propertyPath(path);
    reasons.set(property, [...(reasons.get(property) ?? []), reason]);
  }

  return [...reasons].map(([property, list]) => ({ property, reason: list.join("; ") }));
}
