/**
 * The resource's outputs: what a customer looks like in Pulumi state, and how state written by any
 * release is read back. The implementation runs from the installed package (see shim.ts), so it
 * must understand outputs of every earlier `schemaVersion`.
 */
import type { ExpressCustomer } from "../http/types";
import type { ExpressCustomerInputs, LooseInputs } from "./inputs";

/** The shape of the outputs this release writes; bump it when the shape changes. */
export const OUTPUTS_SCHEMA_VERSION = 1;

/** The outputs of `avara.ExpressCustomer`; no field is ever undefined (state rejects it). */
export interface ExpressCustomerOutputs {
  /** {@link OUTPUTS_SCHEMA_VERSION} at the time of writing. */
  schemaVersion: number;
  /** `cus_` and 32 hex digits; also the resource's ID. */
  expressCustomerId: string;
  expressCustomerName: string;
  /** `{}` when the customer has no metadata. */
  metadata: Record<string, string>;
  isActive: boolean;
  createdAt: string | null;
  updatedAt: string | null;
  userCount: number;
  createdByApiKeyId: string | null;
  createdByUserId: string | null;
}

/** The outputs for `customer` as the API returned it. */
export function toOutputs(customer: ExpressCustomer): ExpressCustomerOutputs {
  return {
    schemaVersion: OUTPUTS_SCHEMA_VERSION,
    expressCustomerId: customer.expressCustomerId,
    expressCustomerName: customer.expressCustomerName,
    metadata: { ...customer.metadata },
    isActive: customer.isActive,
    createdAt: customer.createdAt,
    updatedAt: customer.updatedAt,
    userCount: customer.userCount,
    createdByApiKeyId: customer.createdByApiKeyId,
    createdByUserId: customer.createdByUserId,
  };
}

/** The inputs that would produce `customer` as it is now: what `read` realigns state to. */
export function toInputs(customer: ExpressCustomer): ExpressCustomerInputs {
  return {
    expressCustomerName: customer.expressCustomerName,
    metadata: { ...customer.metadata },
    isActive: customer.isActive,
  };
}

/** Outputs as state may hold them: written by any release, so every field may be missing. */
export interface StoredOutputs {
  schemaVersion?: unknown;
  expressCustomerId?: unknown;
  expressCustomerName?: unknown;
  metadata?: unknown;
  isActive?: unknown;
}

/**
 * The comparable part of stored outputs, from any `schemaVersion` so far (1 is the only one).
 * Absent fields are read like absent inputs: no metadata, and active.
 */
export function storedState(outputs: StoredOutputs): LooseInputs {
  return {
    expressCustomerName: outputs.expressCustomerName,
    metadata: outputs.metadata,
    isActive: outputs.isActive,
  };
}
