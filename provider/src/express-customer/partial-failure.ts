/**
 * The error for a failure after the customer's ID is known. The dynamic-provider host turns an
 * error carrying `id` into the engine's "created but failed to initialise" result, so Pulumi
 * records the customer (with `properties` as its outputs) instead of orphaning it, and the next
 * `pulumi up` finishes the job through `update`.
 */
import { AvaraError } from "../errors";
import { redact } from "../redact";
import type { ExpressCustomerOutputs } from "./outputs";

/** Thrown by create or update when a step after the ID was known failed. */
export class PartialFailureError extends Error {
  /** The customer's ID, which the host passes on to the engine. */
  readonly id: string;
  /** The outputs to record, with `__provider` so that later refreshes and deletes can load. */
  readonly properties: Record<string, unknown>;
  /** What the engine prints as the reason the resource is not fully set up. */
  readonly reasons: string[];
  /** The code of the failure underneath, when it was one of ours. */
  readonly code: string | undefined;

  constructor(
    outputs: ExpressCustomerOutputs,
    serializedProvider: unknown,
    step: string,
    cause: unknown,
  ) {
    const detail = redact(cause instanceof Error ? cause.message : String(cause));
    const id = outputs.expressCustomerId;
    super(
      `Avara customer ${id} exists, but ${step} failed: ${detail} ` +
        "Pulumi has recorded the customer; run `pulumi up` again to finish.",
      { cause },
    );
    this.name = "PartialFailureError";
    this.id = id;
    // Without `__provider` in the recorded outputs, no later refresh or delete could load us.
    this.properties =
      typeof serializedProvider === "string"
        ? { ...outputs, __provider: serializedProvider }
        : { ...outputs };
    this.reasons = [`${step} failed: ${detail}`];
    this.code = AvaraError.isInstance(cause) ? cause.code : undefined;
  }
}
