import { join } from "node:path";

import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { type RunningEmulator, startEmulator } from "../../emulator/src/index";
import { repoRoot, withTestStack } from "../support/pulumi-stack";

describe("examples/minimal", () => {
  let emulator: RunningEmulator;

  beforeEach(async () => {
    emulator = await startEmulator();
  });

  afterEach(async () => {
    await emulator.close();
  });

  async function fetchCustomer(id: string): Promise<Record<string, unknown>> {
    const response = await fetch(`${emulator.url}/v1/express/${id}`, {
      headers: { authorization: `Bearer ${emulator.apiKey}` },
    });
    expect(response.status).toBe(200);

    return (await response.json()) as Record<string, unknown>;
  }

  it("creates its customer, refreshes without changes and deactivates it on destroy", async () => {
    const options = {
      programDir: join(repoRoot, "examples/minimal"),
      config: {
        "avara:baseUrl": { value: emulator.url },
        "avara:apiKey": { value: emulator.apiKey, secret: true },
      },
    };

    await withTestStack(options, async (t) => {
      const up = await t.up();
      const id = up.outputs.expressCustomerId.value as string;
      expect(id).toMatch(/^cus_[0-9a-f]{32}$/);
      expect(up.outputs.isActive.value).toBe(true);
      expect(await fetchCustomer(id)).toMatchObject({
        expressCustomerName: "My First Clinic",
        isActive: true,
        metadata: { environment: "test", owner: "platform-team" },
      });

      await t.preview({ refresh: true, expectNoChanges: true });

      await t.destroy();
      expect(await fetchCustomer(id)).toMatchObject({ isActive: false });
      expect(t.output()).not.toContain(emulator.apiKey);
    });
  });
});
