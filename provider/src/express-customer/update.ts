/**
 * `update`: PATCH with the full desired name and metadata, so a key removed from the program is
 * removed from the API too, then deactivate or reactivate as the program asks.
 */
import type * as pulumi from "@pulumi/pulumi";

import type { AvaraClient, ExpressCustomer, UpdateCustomerRequest } from "../http/types";
import { activationStep, reconcileActivation } from "./activation";
import { type LooseInputs, normaliseInputs } from "./inputs";
import { sameMetadataValue } from "./metadata";
import { type ExpressCustomerOutputs, toOutputs } from "./outputs";
import { PartialFailureError } from "./partial-failure";

/** The PATCH body for the desired inputs: the whole state, with `null` to clear the metadata. */
export function updateRequest(inputs: LooseInputs): UpdateCustomerRequest {
  const { expressCustomerName, metadata } = normaliseInputs(inputs);

  return {
    expressCustomerName,
    metadata: Object.keys(metadata).length === 0 ? null : metadata,
  };
}

// The emulator replaces the whole map, but the API does not document it (D2 in
// docs/api-contract.md). A server that merges keeps the keys we dropped: clear everything, then
// set the desired map again.
async function replaceMetadata(
  client: AvaraClient,
  patched: ExpressCustomer,
  metadata: Record<string, string>,
): Promise<ExpressCustomer> {
  if (sameMetadataValue(patched.metadata, metadata)) return patched;

  const cleared = await client.updateCustomer(patched.expressCustomerId, { metadata: null });
  if (Object.keys(metadata).length === 0) return cleared;

  const customer = await client.updateCustomer(patched.expressCustomerId, { metadata });
  if (sameMetadataValue(customer.metadata, metadata)) return customer;

  throw new Error(
    `the API kept metadata that differs from the program's (keys now: ` +
      `${Object.keys(customer.metadata).join(", ") || "none"}). Check the metadata in the ` +
      "Avara dashboard, or contact Avara support.",
  );
}

/**
 * Brings the customer with `id` to the inputs in `news` and returns its outputs. A failure after
 * the PATCH landed throws {@link PartialFailureError} with the customer as it now is.
 */
export async function updateExpressCustomer(
  client: AvaraClient,
  id: string,
  news: LooseInputs & { __provider?: unknown },
): Promise<pulumi.dynamic.UpdateResult<ExpressCustomerOutputs>> {
  const desired = normaliseInputs(news);
  let customer = await client.updateCustomer(id, updateRequest(desired));
  let step = "replacing its metadata";

  try {
    customer = await replaceMetadata(client, customer, desired.metadata);
    step = activationStep(desired.isActive);
    customer = await reconcileActivation(client, customer, desired.isActive);
  } catch (error) {
    throw new PartialFailureError(toOutputs(customer), news.__provider, step, error);
  }

  return { outs: toOutputs(customer) };
}
