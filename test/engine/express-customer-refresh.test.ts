import { describe, expect, it } from "vitest";

import type { LocalWorkspace } from "@pulumi/pulumi/automation";

import { type StateResource, withCustomersStack } from "./helpers/customers-stack";

function identity({ urn, id, inputs, outputs }: StateResource) {
  return { urn, id, inputs, outputs };
}

const declared = {
  clinic: { expressCustomerName: "Clinic", metadata: { region: "ne", tier: "gold" } },
};

describe("avara.ExpressCustomer on the Pulumi engine: refresh and drift", () => {
  it("finds an out-of-band change on refresh, and up undoes it", async () => {
    await withCustomersStack(declared, async (t) => {
      const id = (await t.up()).outputs.customers.value.clinic.id;
      const drift = { expressCustomerName: "Renamed elsewhere", metadata: { region: "west" } };
      await t.api("PATCH", `/v1/express/${id}`, drift);

      const refresh = await t.refresh();
      expect(refresh.summary.resourceChanges).toMatchObject({ update: 1 });
      const [resource] = await t.customerResources();
      expect(resource.outputs).toMatchObject(drift);
      expect(resource.inputs).toMatchObject(drift);

      const preview = await t.preview();
      expect(preview.changeSummary).toMatchObject({ update: 1 });

      await t.up();
      const { body } = await t.api("GET", `/v1/express/${id}`);
      expect(body).toMatchObject(declared.clinic);
      await t.preview({ refresh: true, expectNoChanges: true });
    });
  });

  it("keeps a customer deactivated out of band as isActive false; up reactivates it", async () => {
    await withCustomersStack(declared, async (t) => {
      const id = (await t.up()).outputs.customers.value.clinic.id;
      await t.api("POST", `/v1/express/${id}/deactivate`);

      await t.refresh();
      const [resource] = await t.customerResources();
      expect(resource.id).toBe(id);
      expect(resource.outputs).toMatchObject({ isActive: false });

      const up = await t.up();
      expect(up.summary.resourceChanges).toMatchObject({ update: 1 });
      expect(up.outputs.customers.value.clinic).toMatchObject({ id, isActive: true });
      expect((await t.api("GET", `/v1/express/${id}`)).body.isActive).toBe(true);
    });
  });

  it("removes the resource from state when refresh gets a 404", async () => {
    await withCustomersStack(declared, async (t) => {
      await t.up();
      // The emulator forgets every customer; keys stay, so the GET answers 404.
      await t.emulator.admin.reset();

      const refresh = await t.refresh();

      expect(refresh.summary.resourceChanges).toMatchObject({ delete: 1 });
      expect(await t.customerResources()).toEqual([]);
    });
  });

  // A mistyped path prefix makes every request 404 (`route_not_found`): no 404 of that kind may
  // drop a live customer from state, nor count as a deactivation on destroy.
  it("fails refresh and destroy on a wrong base URL prefix, keeping the customer", async () => {
    await withCustomersStack(declared, async (t) => {
      const id = (await t.up()).outputs.customers.value.clinic.id;
      const before = (await t.customerResources()).map(identity);
      const wrongBaseUrl = `${t.emulator.url}/avara`;
      await t.stack.setConfig("avara:baseUrl", { value: wrongBaseUrl });
      // Refresh and destroy use the configuration recorded by the last up.
      await t.up();

      await expect(t.refresh()).rejects.toThrow(/route_not_found.*kept in state/);
      expect(t.output()).toContain(wrongBaseUrl);
      expect((await t.customerResources()).map(identity)).toEqual(before);

      await expect(t.destroy()).rejects.toThrow();
      expect((await t.customerResources()).map((resource) => resource.id)).toEqual([id]);
      expect((await t.api("GET", `/v1/express/${id}`)).body.isActive).toBe(true);
      await t.expectNoKeyLeaked();
    });
  });

  it("fails the refresh and keeps state when the API answers 500", async () => {
    await withCustomersStack(declared, async (t) => {
      await t.up();
      const before = (await t.customerResources()).map(identity);
      await t.emulator.admin.setFaults({
        rules: [{ fault: "status", status: 500, route: "GET /v1/express/:id" }],
      });

      await expect(t.refresh()).rejects.toThrow(/500 from GET \/v1\/express\/cus_/);

      expect((await t.customerResources()).map(identity)).toEqual(before);
      await t.expectNoKeyLeaked();
    });
  });

  // Refresh configures the provider from the config stored at the last `up`, so a key changed
  // in config only counts after `up`; one from AVARA_API_KEY counts at once.
  it("fails the refresh and keeps state when the API answers 401", async () => {
    await withCustomersStack(
      declared,
      async (t) => {
        await t.up();
        const before = (await t.customerResources()).map(identity);
        const revoked = "sk_live_0000000000000000000000000000dead";
        (t.stack.workspace as LocalWorkspace).envVars.AVARA_API_KEY = revoked;

        const refresh = t.refresh();
        await expect(refresh).rejects.toThrow(/401 from GET \/v1\/express\/cus_.*AVARA_API_KEY/s);

        expect((await t.customerResources()).map(identity)).toEqual(before);
        expect(t.output()).not.toContain(revoked);
        await t.expectNoKeyLeaked();
      },
      "env",
    );
  });
});
