/**
 * Adoption, the way to bring an existing customer under Pulumi: native `pulumi import` cannot
 * work for a dynamic provider (pulumi/pulumi#16175), so `create` reads the customer named by
 * `adoptExistingId` instead of posting a new one, then brings it to the program's values.
 */
import type * as pulumi from "@pulumi/pulumi";

import { InvalidInputError, NotFoundError } from "../errors";
import type { AvaraClient, ExpressCustomer } from "../http/types";
import { type LooseInputs, normaliseInputs } from "./inputs";
import { type ExpressCustomerOutputs, toOutputs } from "./outputs";
import { PartialFailureError } from "./partial-failure";
import { updateExpressCustomer } from "./update";

async function existingCustomer(client: AvaraClient, id: string): Promise<ExpressCustomer> {
  try {
    return await client.retrieveCustomer(id);
  } catch (error) {
    if (!NotFoundError.isInstance(error)) throw error;

    throw new InvalidInputError(
      `adoptExistingId: there is no customer ${id} for this API key's clinic. Check the ID, and ` +
        "that avara:apiKey (or AVARA_API_KEY) is a key of the clinic that owns the customer.",
    );
  }
}

/**
 * Adopts the customer with `id`: nothing is created. A deactivated customer is refused unless
 * the program asks for `isActive: false`, since adopting it would silently bring it back.
 */
export async function adoptExpressCustomer(
  client: AvaraClient,
  id: string,
  inputs: LooseInputs & { __provider?: unknown },
): Promise<pulumi.dynamic.CreateResult<ExpressCustomerOutputs>> {
  const existing = await existingCustomer(client, id);

  if (!existing.isActive && normaliseInputs(inputs).isActive) {
    throw new InvalidInputError(
      `adoptExistingId: customer ${id} is deactivated. To adopt it as it is, set isActive: ` +
        "false; to bring it back, set isActive: false, run `pulumi up`, then remove isActive.",
    );
  }

  try {
    const { outs } = await updateExpressCustomer(client, id, inputs);

    return { id, outs };
  } catch (error) {
    if (error instanceof PartialFailureError) throw error;

    const step = "bringing it to the program's values";
    throw new PartialFailureError(toOutputs(existing), inputs.__provider, step, error);
  }
}
