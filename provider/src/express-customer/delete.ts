/**
 * `delete`: the API has no hard delete, so deleting a customer deactivates it. Idempotent: a
 * customer already inactive, or already gone (404), counts as deleted.
 */
import { NotFoundError } from "../errors";
import type { AvaraClient } from "../http/types";
import { setActivation } from "./activation";

/** Deactivates the customer with `id`; throws on any failure other than "already gone". */
export async function deleteExpressCustomer(client: AvaraClient, id: string): Promise<void> {
  try {
    await setActivation(client, id, false);
  } catch (error) {
    if (NotFoundError.isInstance(error)) return;
    throw error;
  }
}
