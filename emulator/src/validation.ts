import type { z } from "zod";

import { ApiError, type FieldError } from "./api-error";

/** Formats a zod issue path as the dot path of D8 (`metadata.region`); the body is `(body)`. */
export function dotPath(path: readonly PropertyKey[]): string {
  return path.length === 0 ? "(body)" : path.map(String).join(".");
}

/**
 * Parses `input` with `schema`, or throws a 400 `validation_failed` that lists every failing
 * field (D8), so a caller can fix all of them at once.
 */
export function parseOrThrow<T>(schema: z.ZodType<T>, input: unknown, what: string): T {
  const result = schema.safeParse(input);

  if (result.success) return result.data;

  const errors: FieldError[] = result.error.issues.flatMap((issue) =>
    // One entry per unknown field, at its own path, so the caller sees exactly what to remove.
    issue.code === "unrecognized_keys"
      ? issue.keys.map((key) => ({
          path: dotPath([...issue.path, key]),
          message: "unknown field; remove it",
        }))
      : [{ path: dotPath(issue.path), message: issue.message }],
  );
  const summary = errors.map((error) => `${error.path}: ${error.message}`).join("; ");

  throw new ApiError(
    400,
    "validation_failed",
    `The ${what} is invalid (${summary}). Fix the listed fields and send it again.`,
    errors,
  );
}
