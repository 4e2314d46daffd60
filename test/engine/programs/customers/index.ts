import * as pulumi from "@pulumi/pulumi";
import * as avara from "pulumi-avara";

// `customers` maps each resource name to its arguments, as JSON, e.g.
// {"radiology": {"expressCustomerName": "City Radiology", "metadata": {"region": "ne"}}}.
const config = new pulumi.Config();
const declared = config.requireObject<Record<string, avara.ExpressCustomerArgs>>("customers");

// With `metadataThroughApply`, each map reaches the resource as the result of an apply, the way a
// program computes metadata from other resources' outputs.
const throughApply = config.getBoolean("metadataThroughApply") ?? false;

export const customers = Object.fromEntries(
  Object.entries(declared).map(([name, args]) => {
    const metadata = throughApply
      ? pulumi.output(name).apply(() => args.metadata as Record<string, string>)
      : args.metadata;
    const customer = new avara.ExpressCustomer(name, { ...args, metadata });

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
