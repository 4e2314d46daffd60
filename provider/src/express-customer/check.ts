/**
 * `check`: validates the program's inputs at preview time and applies their defaults. Failures
 * stop the preview with one line per property; the unknown placeholder always passes.
 */
import type * as pulumi from "@pulumi/pulumi";

import { checkFailures, inputSchema } from "./input-schema";
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

  if (!parsed.success) {
    return { inputs: news, failures: checkFailures(parsed.error.issues) };
  }

  return { inputs: normaliseInputs(parsed.data) };
}
