import * as pulumi from "@pulumi/pulumi";
import * as avara from "pulumi-avara";

// `customers` maps each resource name to its arguments, as JSON, e.g.
// {"radiology": {"expressCustomerName": "City Radiology", "metadata": {"region": "ne"}}}.
const declared = new pulumi.Config().requireObject<Record<string, avara.ExpressCustomerArgs>>(
  "customers",
);

export const customers = Object.fromEntries(
  Object.entries(declared).map(([name, args]) => {
    const customer = new avara.ExpressCustomer(name, args);

    return [
      name,
      {
        id: customer.id,
        expressCustomerId: customer.expressCustomerId,
        expressCustomerName: customer.expressCustomerName,
        metadata: customer.metadata,
        isActive: customer.isActive,
      },
    ];
  }),
);
