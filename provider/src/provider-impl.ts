/**
 * The implementation behind the serialized provider of `avara.ExpressCustomer`. The shim in
 * state loads this module by its package name and copies its exports onto itself, so this module
 * exports exactly the dynamic provider's methods, now and in every later release.
 */
import type * as pulumi from "@pulumi/pulumi";

import { applyStackConfig, providerClient } from "./config";
import { withErrorCodes } from "./error-label";
import { checkInputs } from "./express-customer/check";
import { createExpressCustomer } from "./express-customer/create";
import { deleteExpressCustomer } from "./express-customer/delete";
import { diffCustomer } from "./express-customer/diff";
import type { LooseInputs } from "./express-customer/inputs";
import { readExpressCustomer } from "./express-customer/read";
import { updateExpressCustomer } from "./express-customer/update";

type Props = Record<string, unknown>;

/** Reads `avara:apiKey` and `avara:baseUrl` from the stack configuration. */
export async function configure(request: pulumi.dynamic.ConfigureRequest): Promise<void> {
  applyStackConfig(request.config);
}

/** Validates and normalises the program's inputs. */
export async function check(_olds: Props, news: Props): Promise<pulumi.dynamic.CheckResult> {
  return checkInputs(news);
}

/** Compares the stored outputs with the checked inputs. */
export async function diff(
  _id: string,
  olds: Props,
  news: Props,
): Promise<pulumi.dynamic.DiffResult> {
  return diffCustomer(olds, news as LooseInputs);
}

/** Creates the customer. */
export async function create(inputs: Props): Promise<pulumi.dynamic.CreateResult> {
  return withErrorCodes(() => createExpressCustomer(providerClient(), inputs as LooseInputs));
}

/** Reads the customer back for a refresh. */
export async function read(id: string): Promise<pulumi.dynamic.ReadResult> {
  return withErrorCodes(() => readExpressCustomer(providerClient(), id));
}

/** Updates the customer in place. */
export async function update(
  id: string,
  _olds: Props,
  news: Props,
): Promise<pulumi.dynamic.UpdateResult> {
  return withErrorCodes(() => updateExpressCustomer(providerClient(), id, news as LooseInputs));
}

/** Deactivates the customer. */
async function deleteCustomer(id: string): Promise<void> {
  await withErrorCodes(() => deleteExpressCustomer(providerClient(), id));
}

export { deleteCustomer as delete };
