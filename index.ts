// The demo stack: the tenants of a radiology integrator, each an Avara Express customer.
// `npm run demo` runs it against the local emulator; other stacks read its outputs through a
// StackReference (see examples/stack-reference).
import * as avara from "pulumi-avara";

interface Tenant {
  name: string;
  metadata: Record<string, string>;
  isActive?: boolean;
}

const tenants: Record<string, Tenant> = {
  "northside-imaging": {
    name: "Northside Imaging Center",
    metadata: { region: "us-east", tier: "enterprise", modality: "mri-ct" },
  },
  "lakeview-radiology": {
    name: "Lakeview Radiology Group",
    metadata: { region: "us-central", tier: "standard", modality: "x-ray" },
  },
  "harbor-teleradiology": {
    name: "Harbor Teleradiology",
    metadata: { region: "us-west", tier: "enterprise", reading: "overnight" },
  },
  "pinecrest-orthopedics": {
    name: "Pinecrest Orthopedics",
    metadata: { region: "us-east", tier: "standard", modality: "x-ray" },
  },
  // Offboarded last quarter: kept as a deactivated customer so its studies stay readable.
  "mercy-valley-clinic": {
    name: "Mercy Valley Clinic",
    metadata: { region: "us-south", tier: "standard", offboarded: "2026-q3" },
    isActive: false,
  },
};

const customers = Object.entries(tenants).map(
  ([key, tenant]) =>
    [
      key,
      new avara.ExpressCustomer(key, {
        expressCustomerName: tenant.name,
        metadata: tenant.metadata,
        isActive: tenant.isActive ?? true,
      }),
    ] as const,
);

/** Every tenant's customer, for other stacks: ID, name, whether it is active, and when it began. */
export const tenantCustomers = Object.fromEntries(
  customers.map(([key, customer]) => [
    key,
    {
      expressCustomerId: customer.expressCustomerId,
      expressCustomerName: customer.expressCustomerName,
      isActive: customer.isActive,
      createdAt: customer.createdAt,
    },
  ]),
);

/** The IDs of the active tenants: what a study router needs. */
export const activeCustomerIds = customers
  .filter(([key]) => tenants[key].isActive !== false)
  .map(([, customer]) => customer.expressCustomerId);
