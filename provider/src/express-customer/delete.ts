/**
 * `delete`: the API has no hard delete, so deleting a customer deactivates it. Idempotent: a
 * customer already inactive, or already gone (a 404 that {@link confirmGone} accepts), counts as
 * deleted.
 */
import { NotFoundError } from "../errors";
import type { AvaraClient } from "../http/types";
import { setActivation } from "./activation";
import { confirmGone } from "./gone";

/** Deactivates the customer with `id`; throws on any failure other than a proven "gone". */
export async function deleteExpressCustomer(client: AvaraClient, id: string): Promise<void> {
  try {
    await setActivation(client, id, false);
  } catch (error) {
    if (!NotFoundError.isInstance(error)) throw error;

    await confirmGone(client, id, error);
  }
}
