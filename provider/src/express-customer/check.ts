/**
 * `check`: validates the program's inputs at preview time and applies their defaults. Failures
 * stop the preview with one line per property; the unknown placeholder always passes.
 */
import type * as pulumi from "@pulumi/pulumi";

import { checkFailures, inputSchema, unstorableKeyFailures } from "./input-schema";
import { type ExpressCustomerInputs, normaliseInputs } from "./inputs";

/**
 * Validates `news` (the program's inputs, with the reserved `__provider`) and returns them
 * normalised, or the failures. The host puts `__provider` back itself.
 */
export function checkInputs(
  news: Record<string, unknown>,
): pulumi.dynamic.CheckResult<ExpressCustomerInputs | Record<string, unknown>> {
  const { __provider: _provider, ...props } = news;
  const parsed = inputSchema.safeParse(props);
  // zod leaves a `__proto__` key out of its output without an issue, so the raw input is looked at.
  const keyFailures = unstorableKeyFailures(props.metadata);

  if (!parsed.success || keyFailures.length > 0) {
    const schemaFailures = parsed.success ? [] : checkFailures(parsed.error.issues);
    return { inputs: news, failures: [...schemaFailures, ...keyFailures] };
  }

  return { inputs: normaliseInputs(parsed.data) };
}
