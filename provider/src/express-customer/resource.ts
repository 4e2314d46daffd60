/**
 * {@link ExpressCustomer}: an Avara Express customer as a Pulumi resource.
 */
import * as pulumi from "@pulumi/pulumi";

import type { ExpressCustomerArgs } from "./inputs";
import { assertApiKeyIsSecret, storableMetadata } from "./program-checks";
import { expressCustomerProvider } from "./shim";

/** The type token of every `avara.ExpressCustomer`; changing it would rename every URN. */
export const EXPRESS_CUSTOMER_TYPE = "pulumi-nodejs:dynamic/avara:ExpressCustomer";

// Outputs the program does not set still need a key here, so that Pulumi fills the properties.
const OUTPUT_ONLY_PROPERTIES = {
  schemaVersion: undefined,
  expressCustomerId: undefined,
  metadata: undefined,
  isActive: undefined,
  createdAt: undefined,
  updatedAt: undefined,
  userCount: undefined,
  createdByApiKeyId: undefined,
  createdByUserId: undefined,
};

/**
 * An Avara Express customer. Every input updates in place; deleting the resource deactivates the
 * customer (the API has no hard delete). See docs/express-customer.md.
 *
 * @example
 * const radiology = new avara.ExpressCustomer("radiology", {
 *   expressCustomerName: "City Radiology",
 *   metadata: { region: "northeast" },
 * });
 * export const customerId = radiology.expressCustomerId;
 */
export class ExpressCustomer extends pulumi.dynamic.Resource {
  /** Version of the outputs' shape, for reading state written by older releases. */
  declare readonly schemaVersion: pulumi.Output<number>;
  /** `cus_` and 32 hex digits; also the resource's ID. */
  declare readonly expressCustomerId: pulumi.Output<string>;
  declare readonly expressCustomerName: pulumi.Output<string>;
  /** `{}` when the customer has no metadata. */
  declare readonly metadata: pulumi.Output<Record<string, string>>;
  declare readonly isActive: pulumi.Output<boolean>;
  declare readonly createdAt: pulumi.Output<string | null>;
  declare readonly updatedAt: pulumi.Output<string | null>;
  /** Users who belong to the customer. */
  declare readonly userCount: pulumi.Output<number>;
  declare readonly createdByApiKeyId: pulumi.Output<string | null>;
  /** Set when the customer was created in the dashboard; null when created through the API. */
  declare readonly createdByUserId: pulumi.Output<string | null>;

  /**
   * Declares the customer `name` (the Pulumi name, not the customer's) with `args`. Throws a
   * `RunError` when `avara:apiKey` is in the stack configuration without `--secret`, or when the
   * metadata has a key Pulumi would drop on the way (`__proto__`).
   */
  constructor(name: string, args: ExpressCustomerArgs, opts?: pulumi.CustomResourceOptions) {
    assertApiKeyIsSecret();
    const metadata = storableMetadata(name, args?.metadata);

    super(
      expressCustomerProvider,
      name,
      { ...OUTPUT_ONLY_PROPERTIES, ...args, metadata },
      opts,
      "avara",
      "ExpressCustomer",
    );

    // The ID never changes in place, and unlike the other outputs it stays known in the preview
    // of an update (a dynamic provider cannot mark outputs stable), so stacks that read it see
    // the real ID in every preview.
    this.expressCustomerId = this.id;
  }
}
