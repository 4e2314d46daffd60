import { describe, expect, it } from "vitest";

import { withCustomersStack } from "./helpers/customers-stack";

// Requests per outcome ("200", "429", "dropped"…) over every route of the emulator's stats.
function outcomeTotals(requests: Record<string, Record<string, number>>): Record<string, number> {
  const totals: Record<string, number> = {};

  for (const byOutcome of Object.values(requests)) {
    for (const [outcome, count] of Object.entries(byOutcome)) {
      totals[outcome] = (totals[outcome] ?? 0) + count;
    }
  }

  return totals;
}

describe("avara.ExpressCustomer on the Pulumi engine: bad inputs and a flaky API", () => {
  it("fails preview with one message per invalid field, and creates nothing", async () => {
    const declared = {
      bad: {
        expressCustomerName: "",
        metadata: { ["k".repeat(101)]: "v", note: "x".repeat(1001) },
        isActive: "yes",
        colour: "red",
      },
    };

    await withCustomersStack(declared, async (t) => {
      await expect(t.preview()).rejects.toThrow();

      const output = t.output();
      expect(output).toMatch(/expressCustomerName.*must not be empty/);
      expect(output).toMatch(/metadata\["k{40}…"\].*key of 101 characters/);
      expect(output).toMatch(/metadata\.note.*1001 characters long/);
      expect(output).toMatch(/isActive.*must be true or false/);
      expect(output).toMatch(/colour.*is not an input of avara\.ExpressCustomer/);
      const stats = await t.emulator.admin.stats();
      expect(stats.createsReceived).toBe(0);
    });
  });

  it("fails preview on a __proto__ metadata key Pulumi would drop; creates nothing", async () => {
    // JSON config keeps "__proto__" as an own key of the program's metadata object.
    const declared = JSON.parse(
      '{"clinic": {"expressCustomerName": "Clinic", "metadata": {"__proto__": "x", "b": "c"}}}',
    );

    await withCustomersStack(declared, async (t) => {
      await expect(t.preview()).rejects.toThrow();

      expect(t.output()).toMatch(/metadata\.__proto__ .*rename the key/);
      expect((await t.emulator.admin.stats()).createsReceived).toBe(0);
    });
  });

  it("fails up on a __proto__ metadata key that arrives through an apply", async () => {
    const declared = JSON.parse(
      '{"clinic": {"expressCustomerName": "Clinic", "metadata": {"__proto__": "x", "b": "c"}}}',
    );

    await withCustomersStack(declared, async (t) => {
      await t.stack.setConfig("metadataThroughApply", { value: "true" });

      await expect(t.up()).rejects.toThrow();

      expect(t.output()).toMatch(/metadata\.__proto__ .*rename the key/);
      expect((await t.emulator.admin.stats()).createsReceived).toBe(0);
    });
  });

  it("creates exactly the declared customers while a fifth of requests fail", async () => {
    const names = Array.from({ length: 20 }, (_, index) => `customer-${index}`);
    const declared = Object.fromEntries(
      names.map((name) => [name, { expressCustomerName: name, metadata: { batch: "flaky" } }]),
    );

    await withCustomersStack(declared, async (t) => {
      // The first three creates meet one fault each, whatever the order of requests; then three
      // rules of 7% each make about one request in five fail or lose its answer.
      await t.emulator.admin.setFaults({
        seed: 5,
        rules: [
          { fault: "drop-after", route: "POST /v1/express", next: 1 },
          { fault: "status", status: 429, route: "POST /v1/express", next: 1, retryAfterMs: 0 },
          { fault: "status", status: 503, route: "POST /v1/express", next: 1, retryAfterMs: 0 },
          { fault: "status", status: 429, probability: 0.07, retryAfterMs: 0 },
          { fault: "status", status: 503, probability: 0.07, retryAfterMs: 0 },
          { fault: "drop-after", probability: 0.07 },
        ],
      });

      const up = await t.up();

      expect(up.summary.resourceChanges).toMatchObject({ create: names.length + 1 });
      const totals = outcomeTotals((await t.emulator.admin.stats()).requests);
      const all = Object.values(totals).reduce((sum, count) => sum + count, 0);
      const faulted = [totals["429"], totals["503"], totals.dropped];
      expect(faulted.every((count) => count > 0)).toBe(true);
      expect(faulted.reduce((sum, count) => sum + count, 0) / all).toBeGreaterThan(0.1);

      await t.emulator.admin.clearFaults();
      const listed = await t.api("GET", "/v1/express?limit=100");
      const listedNames = listed.body.expressCustomers.map((c: any) => c.expressCustomerName);
      expect(listedNames.sort()).toEqual([...names].sort());
      const ids = Object.values(up.outputs.customers.value).map((c: any) => c.id);
      expect(new Set(ids).size).toBe(names.length);
      await t.preview({ refresh: true, expectNoChanges: true });
    });
  });
});
