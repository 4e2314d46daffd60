/**
 * Deactivating and reactivating a customer. The API does not say whether repeating either is an
 * error (docs/api-contract.md, D4), so a refusal is checked against the customer's state.
 */
import { ConflictError, ValidationError } from "../errors";
import type { AvaraClient, ExpressCustomer } from "../http/types";

/**
 * Deactivates (`isActive: false`) or reactivates (`true`) the customer with `id`, and returns it
 * as it is afterwards. A 400, 409 or 422 counts as success when the customer is already in that
 * state; every other error is thrown as it is.
 */
export async function setActivation(
  client: AvaraClient,
  id: string,
  isActive: boolean,
): Promise<ExpressCustomer> {
  try {
    return isActive ? await client.reactivateCustomer(id) : await client.deactivateCustomer(id);
  } catch (error) {
    if (!ConflictError.isInstance(error) && !ValidationError.isInstance(error)) throw error;

    const current = await client.retrieveCustomer(id);
    if (current.isActive === isActive) return current;
    throw error;
  }
}

/** Brings `customer` to the desired `isActive`, calling the API only when it differs. */
export async function reconcileActivation(
  client: AvaraClient,
  customer: ExpressCustomer,
  isActive: boolean,
): Promise<ExpressCustomer> {
  if (customer.isActive === isActive) return customer;

  return setActivation(client, customer.expressCustomerId, isActive);
}

/** How a failure of {@link setActivation} is described: "deactivating it" or "reactivating it". */
export function activationStep(isActive: boolean): string {
  return isActive ? "reactivating it" : "deactivating it";
}
