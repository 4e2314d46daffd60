/**
 * `read` (refresh): the customer as the API has it now. Only a 404 that {@link confirmGone}
 * accepts means the customer is gone; every other failure is thrown, so a refresh fails and never
 * drops a live customer from state.
 */
import type * as pulumi from "@pulumi/pulumi";

import { NotFoundError, UnexpectedResponseError } from "../errors";
import type { AvaraClient } from "../http/types";
import { confirmGone } from "./gone";
import type { ExpressCustomerInputs } from "./inputs";
import { type ExpressCustomerOutputs, toInputs, toOutputs } from "./outputs";

/**
 * Reads the customer with `id`. Returns its outputs, and inputs realigned to them so that drift
 * shows in the next preview; a deactivated customer stays, with `isActive: false`. Returns an
 * empty ID, which removes the resource from state, only for a 404 that proves the customer gone.
 */
export async function readExpressCustomer(
  client: AvaraClient,
  id: string,
): Promise<pulumi.dynamic.ReadResult<ExpressCustomerOutputs | ExpressCustomerInputs>> {
  try {
    const customer = await client.retrieveCustomer(id);
    // A cache or proxy that answers with another customer must not re-point state at it: a
    // later destroy would deactivate the wrong customer.
    if (customer.expressCustomerId !== id) {
      throw new UnexpectedResponseError(
        { method: "GET", path: `/v1/express/${id}`, status: 200 },
        `GET /v1/express/${id} answered with customer ${customer.expressCustomerId}. Check that ` +
          "avara:baseUrl points at the Avara API itself, not at a cache or proxy that rewrites " +
          "answers; state is left as it was.",
        [],
      );
    }

    return {
      id: customer.expressCustomerId,
      props: toOutputs(customer),
      inputs: toInputs(customer),
    };
  } catch (error) {
    if (!NotFoundError.isInstance(error)) throw error;

    await confirmGone(client, id, error);
    return { id: "" };
  }
}
