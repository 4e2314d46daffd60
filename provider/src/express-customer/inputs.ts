/**
 * The resource's inputs as the program gives them ({@link ExpressCustomerArgs}) and as `check`
 * hands them on ({@link ExpressCustomerInputs}): defaults applied, metadata never null.
 */
import type * as pulumi from "@pulumi/pulumi";

/** The arguments of `new avara.ExpressCustomer(name, args)`. */
export interface ExpressCustomerArgs {
  /** The customer's display name; 1 character or more. Changing it updates in place. */
  expressCustomerName: pulumi.Input<string>;
  /** Up to 50 string pairs (keys up to 100 characters, values up to 1000). Default: none. */
  metadata?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /** `false` deactivates the customer, `true` reactivates it. Default: `true`. */
  isActive?: pulumi.Input<boolean>;
  /**
   * The ID of an existing customer to manage instead of creating one: create reads it and brings
   * it to the other inputs. Changing it later replaces the resource; removing it changes nothing.
   */
  adoptExistingId?: pulumi.Input<string>;
}

/** The inputs after `check`. During preview any of them may be the unknown placeholder. */
export interface ExpressCustomerInputs {
  expressCustomerName: string;
  metadata: Record<string, string>;
  isActive: boolean;
  adoptExistingId?: string;
}

/** Inputs as they may arrive from state or an older release: fields may be null or absent. */
export interface LooseInputs {
  expressCustomerName?: unknown;
  metadata?: unknown;
  isActive?: unknown;
  adoptExistingId?: unknown;
}

/**
 * Applies the defaults: absent or null metadata becomes `{}`, absent or null `isActive` becomes
 * `true`, and an absent or null `adoptExistingId` is left out. Any other value, the unknown
 * placeholder included, is kept as it is.
 */
export function normaliseInputs(inputs: LooseInputs): ExpressCustomerInputs {
  const normalised: ExpressCustomerInputs = {
    expressCustomerName: inputs.expressCustomerName as string,
    metadata: (inputs.metadata ?? {}) as Record<string, string>,
    isActive: (inputs.isActive ?? true) as boolean,
  };
  if (typeof inputs.adoptExistingId === "string") {
    normalised.adoptExistingId = inputs.adoptExistingId;
  }

  return normalised;
}
