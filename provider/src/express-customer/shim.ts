/**
 * The provider object `avara.ExpressCustomer` hands to Pulumi, which serializes it into the state
 * of every resource. It holds no code of ours but a `require` of the installed package, so the
 * text is identical across releases (no spurious updates, pulumi/pulumi#12401), refresh and
 * destroy run the installed code (pulumi/pulumi#6238, #16826), and no credential can be captured
 * (pulumi/pulumi#8265).
 */
import type * as pulumi from "@pulumi/pulumi";

// The dynamic-provider host calls configure() on a freshly loaded provider before any other
// method (getProvider in @pulumi/pulumi/cmd/dynamic-provider), so configure() installs the
// package's methods on this very object. One function keeps the serialized text near 0.6 KiB;
// a forwarding function per method took 2 KiB. The package name, not a relative path: the host
// resolves `require` from the project's folder (cmd/dynamic-provider in @pulumi/pulumi).
const shim = {
  configure(this: object, request: pulumi.dynamic.ConfigureRequest): Promise<void> {
    const implementation = require("pulumi-avara/provider-impl");
    Object.assign(this, implementation);

    return implementation.configure(request);
  },
};

/** The one provider object of every `avara.ExpressCustomer` (one serialization per program). */
export const expressCustomerProvider = shim as unknown as pulumi.dynamic.ResourceProvider;
