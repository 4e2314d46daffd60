import * as pulumi from "@pulumi/pulumi";
import * as avara from "pulumi-avara";

// One Express customer. Change the name or metadata and `pulumi up` updates it in place;
// `isActive: false` deactivates it; removing it from the program deactivates it too (the Avara
// API has no hard delete).
const customer = new avara.ExpressCustomer("first-customer", {
  expressCustomerName: "My First Clinic",
  metadata: { environment: pulumi.getStack(), owner: "platform-team" },
});

export const expressCustomerId = customer.expressCustomerId;
export const isActive = customer.isActive;
export const createdAt = customer.createdAt;
