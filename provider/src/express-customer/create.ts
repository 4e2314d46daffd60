/**
 * `create`: one POST through the client (which reconciles a create whose answer was lost, so a
 * retry never makes a second customer), then deactivation when the program asks for it.
 */
import type * as pulumi from "@pulumi/pulumi";

import type { AvaraClient, CreateCustomerRequest } from "../http/types";
import { activationStep, reconcileActivation } from "./activation";
import { adoptExpressCustomer } from "./adopt";
import { type LooseInputs, normaliseInputs } from "./inputs";
import { type ExpressCustomerOutputs, toOutputs } from "./outputs";
import { PartialFailureError } from "./partial-failure";

/** The POST body for the desired inputs; empty metadata is left out rather than sent as `{}`. */
export function createRequest(inputs: LooseInputs): CreateCustomerRequest {
  const { expressCustomerName, metadata } = normaliseInputs(inputs);

  return Object.keys(metadata).length === 0
    ? { expressCustomerName }
    : { expressCustomerName, metadata };
}

/**
 * Creates the customer `inputs` describe, or adopts the one `adoptExistingId` names, and returns
 * its ID and outputs. A failure after the ID is known throws {@link PartialFailureError}, so
 * Pulumi records the customer instead of orphaning it.
 */
export async function createExpressCustomer(
  client: AvaraClient,
  inputs: LooseInputs & { __provider?: unknown },
): Promise<pulumi.dynamic.CreateResult<ExpressCustomerOutputs>> {
  const { isActive, adoptExistingId } = normaliseInputs(inputs);
  if (adoptExistingId !== undefined) return adoptExpressCustomer(client, adoptExistingId, inputs);

  const created = await client.createCustomer(createRequest(inputs));

  try {
    const customer = await reconcileActivation(client, created, isActive);

    return { id: customer.expressCustomerId, outs: toOutputs(customer) };
  } catch (error) {
    const step = activationStep(isActive);
    throw new PartialFailureError(toOutputs(created), inputs.__provider, step, error);
  }
}
