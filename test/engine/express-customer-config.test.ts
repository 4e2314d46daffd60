import { describe, expect, it } from "vitest";

import { withCustomersStack } from "./helpers/customers-stack";

describe("avara.ExpressCustomer on the Pulumi engine: configuration", () => {
  // Without --secret, the key would be stored in plain text in the state of the default provider.
  it("fails preview when avara:apiKey is set without --secret, and never prints it", async () => {
    const declared = { clinic: { expressCustomerName: "Clinic" } };

    await withCustomersStack(
      declared,
      async (t) => {
        await expect(t.preview()).rejects.toThrow(/avara:apiKey/);

        expect(t.output()).toContain("pulumi config set --secret avara:apiKey");
        expect(t.output()).toContain("Pulumi.test.yaml");
        expect(t.output()).not.toContain(t.emulator.apiKey);
        expect((await t.emulator.admin.stats()).createsReceived).toBe(0);
      },
      "plain-config",
    );
  });
});
