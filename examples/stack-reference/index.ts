// A downstream stack, such as the one that configures study routing, reads the demo stack's
// customers through a StackReference instead of hard-coding their IDs.
import * as pulumi from "@pulumi/pulumi";

interface TenantCustomer {
  expressCustomerId: string;
  expressCustomerName: string;
  isActive: boolean;
  createdAt: string | null;
}

const config = new pulumi.Config();
const demoStack = config.get("demoStack") ?? "organization/avara-demo/dev";
const demo = new pulumi.StackReference(demoStack);

const tenantCustomers = demo.requireOutput("tenantCustomers") as pulumi.Output<
  Record<string, TenantCustomer>
>;

/** One routing rule per active tenant: its studies go to its own Express customer. */
export const studyRoutes = tenantCustomers.apply((tenants) =>
  Object.entries(tenants)
    .filter(([, customer]) => customer.isActive)
    .map(([tenant, customer]) => ({
      match: `studies/${tenant}/*`,
      expressCustomerId: customer.expressCustomerId,
    })),
);

/** Tenants that are deactivated, whose studies the router must refuse. */
export const refusedCustomerIds = tenantCustomers.apply((tenants) =>
  Object.values(tenants)
    .filter((customer) => !customer.isActive)
    .map((customer) => customer.expressCustomerId),
);
