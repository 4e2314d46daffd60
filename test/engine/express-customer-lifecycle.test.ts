import { describe, expect, it } from "vitest";

import { withCustomersStack } from "./helpers/customers-stack";

describe("avara.ExpressCustomer on the Pulumi engine: lifecycle", () => {
  it("creates the customers on up, then preview --refresh --expect-no-changes passes", async () => {
    const declared = {
      radiology: { expressCustomerName: "City Radiology", metadata: { region: "northeast" } },
      cardiology: { expressCustomerName: "City Cardiology" },
    };

    await withCustomersStack(declared, async (t) => {
      const up = await t.up();

      expect(up.summary.resourceChanges).toMatchObject({ create: 3 });
      const outputs = up.outputs.customers.value;
      expect(outputs.radiology).toEqual({
        id: expect.stringMatching(/^cus_[0-9a-f]{32}$/),
        expressCustomerId: outputs.radiology.id,
        expressCustomerName: "City Radiology",
        metadata: { region: "northeast" },
        isActive: true,
      });
      expect(outputs.cardiology).toMatchObject({ metadata: {}, isActive: true });
      const { body } = await t.api("GET", `/v1/express/${outputs.radiology.id}`);
      expect(body).toMatchObject({ expressCustomerName: "City Radiology", isActive: true });

      const preview = await t.preview({ refresh: true, expectNoChanges: true });
      expect(preview.changeSummary).toEqual({ same: 3 });
      await t.expectNoKeyLeaked();
    });
  });

  it("stores a serialized provider of at most 1 KiB, identical for every customer", async () => {
    const declared = { a: { expressCustomerName: "A" }, b: { expressCustomerName: "B" } };

    await withCustomersStack(declared, async (t) => {
      await t.up();

      const resources = await t.customerResources();
      const texts = resources.flatMap((r) => [r.inputs?.__provider, r.outputs?.__provider]);
      expect(texts).toHaveLength(4);
      expect(new Set(texts).size).toBe(1);
      expect(typeof texts[0]).toBe("string");
      expect(Buffer.byteLength(texts[0] as string, "utf8")).toBeLessThanOrEqual(1024);
      expect(texts[0]).toContain('require("pulumi-avara/provider-impl")');
    });
  });

  it("updates the name and metadata in place, and a removed key is gone from the API", async () => {
    const before = { expressCustomerName: "Clinic", metadata: { region: "ne", tier: "gold" } };

    await withCustomersStack({ clinic: before }, async (t) => {
      const created = await t.up();
      const id = created.outputs.customers.value.clinic.id;

      const after = { expressCustomerName: "Clinic East", metadata: { region: "ne" } };
      await t.declare({ clinic: after });
      const preview = await t.preview({ diff: true });
      expect(preview.changeSummary).toMatchObject({ update: 1 });
      // The ID stays known in the preview of an update, so stacks reading it never see unknown.
      expect(preview.stdout).toContain(`expressCustomerId  : "${id}"`);
      const updated = await t.up();

      expect(updated.summary.resourceChanges).toMatchObject({ update: 1, same: 1 });
      expect(updated.outputs.customers.value.clinic).toMatchObject({
        id,
        expressCustomerName: "Clinic East",
        metadata: { region: "ne" },
      });
      const { body } = await t.api("GET", `/v1/express/${id}`);
      expect(body).toMatchObject(after);
      expect(body.metadata).not.toHaveProperty("tier");

      await t.preview({ refresh: true, expectNoChanges: true });
    });
  });

  it("deactivates on isActive false and reactivates on isActive true", async () => {
    const inactive = { clinic: { expressCustomerName: "Clinic", isActive: false } };

    await withCustomersStack(inactive, async (t) => {
      const created = await t.up();
      const id = created.outputs.customers.value.clinic.id;
      expect(created.outputs.customers.value.clinic.isActive).toBe(false);
      expect((await t.api("GET", `/v1/express/${id}`)).body.isActive).toBe(false);

      await t.declare({ clinic: { expressCustomerName: "Clinic", isActive: true } });
      const reactivated = await t.up();

      expect(reactivated.summary.resourceChanges).toMatchObject({ update: 1 });
      expect((await t.api("GET", `/v1/express/${id}`)).body.isActive).toBe(true);
    });
  });

  it("deactivates every customer on destroy, and leaves none in state", async () => {
    const declared = {
      a: { expressCustomerName: "A" },
      b: { expressCustomerName: "B", metadata: { k: "v" } },
      c: { expressCustomerName: "C", isActive: false },
    };

    await withCustomersStack(declared, async (t) => {
      const up = await t.up();
      const ids = Object.values(up.outputs.customers.value).map((c: any) => c.id as string);

      const destroy = await t.destroy();

      expect(destroy.summary.resourceChanges).toMatchObject({ delete: 4 });
      for (const id of ids) {
        const { status, body } = await t.api("GET", `/v1/express/${id}`);
        expect(status).toBe(200);
        expect(body.isActive).toBe(false);
      }
      expect(await t.customerResources()).toEqual([]);
      await t.expectNoKeyLeaked();
    });
  });

  it("adopts the customer adoptExistingId names instead of creating one", async () => {
    await withCustomersStack({}, async (t) => {
      const existing = await t.api("POST", "/v1/express", { expressCustomerName: "By hand" });
      const id = existing.body.expressCustomerId;
      await t.declare({ legacy: { expressCustomerName: "Managed", adoptExistingId: id } });

      const up = await t.up();

      const legacy = up.outputs.customers.value.legacy;
      expect(legacy).toMatchObject({ id, expressCustomerName: "Managed" });
      expect((await t.emulator.admin.stats()).createsReceived).toBe(1);
      await t.preview({ refresh: true, expectNoChanges: true });

      // Once adopted, the program may drop adoptExistingId without any change.
      await t.declare({ legacy: { expressCustomerName: "Managed" } });
      await t.preview({ expectNoChanges: true });
    });
  });
});
