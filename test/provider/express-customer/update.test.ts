import { describe, expect, it } from "vitest";

import { PartialFailureError } from "../../../provider/src/express-customer/partial-failure";
import { updateExpressCustomer } from "../../../provider/src/express-customer/update";
import { rejectionOf } from "../http/helpers/capture";
import { startScriptedServer } from "../http/helpers/scripted-server";
import {
  CITY_RADIOLOGY,
  PROVIDER_TEXT,
  testClient,
  useEmulatorCustomer,
  wireCustomer,
} from "./helpers";

const original = CITY_RADIOLOGY;

describe("update", () => {
  const t = useEmulatorCustomer();

  async function apiCustomer() {
    return (await t.emulator.bare("GET", `/v1/express/${t.id}`)).body;
  }

  it("renames the customer and replaces its metadata, so a removed key is gone", async () => {
    const renamed = { expressCustomerName: "City Radiology East", metadata: { tier: "silver" } };
    const news = { ...original, ...renamed };

    const result = await updateExpressCustomer(t.client, t.id, news);

    expect(result.outs).toMatchObject({
      expressCustomerId: t.id,
      expressCustomerName: "City Radiology East",
      metadata: { tier: "silver" },
    });
    expect(await apiCustomer()).toMatchObject({
      expressCustomerName: "City Radiology East",
      metadata: { tier: "silver" },
    });
  });

  it("clears every key when the program's metadata becomes empty", async () => {
    const result = await updateExpressCustomer(t.client, t.id, { ...original, metadata: {} });

    expect(result.outs?.metadata).toEqual({});
    expect((await apiCustomer()).metadata ?? {}).toEqual({});
  });

  it("deactivates, then reactivates, as isActive changes", async () => {
    const inactive = { ...original, isActive: false };
    const deactivated = await updateExpressCustomer(t.client, t.id, inactive);
    expect(deactivated.outs?.isActive).toBe(false);
    expect((await apiCustomer()).isActive).toBe(false);

    const reactivated = await updateExpressCustomer(t.client, t.id, original);
    expect(reactivated.outs?.isActive).toBe(true);
    expect((await apiCustomer()).isActive).toBe(true);
  });

  it("throws an error with the ID and the customer as it is when reactivating fails", async () => {
    await updateExpressCustomer(t.client, t.id, { ...original, isActive: false });
    await t.emulator.admin.setFaults({
      rules: [{ fault: "status", status: 500, route: "POST /v1/express/:id/reactivate" }],
    });
    const news = { ...original, expressCustomerName: "Renamed" };

    const error = await rejectionOf(updateExpressCustomer(t.noRetries(), t.id, news));

    expect(error).toBeInstanceOf(PartialFailureError);
    expect(error).toMatchObject({
      id: t.id,
      properties: { __provider: PROVIDER_TEXT, expressCustomerName: "Renamed", isActive: false },
      reasons: [expect.stringMatching(/^reactivating it failed: 500 from POST/)],
    });
  });

  it("throws the PATCH's own error as it is, so state keeps the old outputs", async () => {
    await t.emulator.admin.setFaults({
      rules: [{ fault: "status", status: 500, route: "PATCH /v1/express/:id" }],
    });

    const error = await rejectionOf(updateExpressCustomer(t.noRetries(), t.id, original));

    expect(error).not.toBeInstanceOf(PartialFailureError);
    expect(error).toMatchObject({ code: "AVARA_E_SERVER", status: 500 });
  });
});

describe("update against a server whose PATCH merges metadata", () => {
  it("clears the metadata, then sets the desired map", async () => {
    const merged = wireCustomer({ metadata: { region: "northeast", tier: "gold" } });
    const server = await startScriptedServer([
      { body: merged },
      { body: wireCustomer({ metadata: undefined }) },
      { body: wireCustomer({ metadata: { tier: "gold" } }) },
    ]);

    try {
      const client = testClient(server.url, "sk_live_0123456789abcdef0123456789abcdef");
      const news = { ...original, metadata: { tier: "gold" } };

      const result = await updateExpressCustomer(client, merged.expressCustomerId as string, news);

      expect(result.outs?.metadata).toEqual({ tier: "gold" });
      expect(server.received.map((request) => [request.method, JSON.parse(request.body)])).toEqual([
        ["PATCH", { expressCustomerName: "City Radiology", metadata: { tier: "gold" } }],
        ["PATCH", { metadata: null }],
        ["PATCH", { metadata: { tier: "gold" } }],
      ]);
    } finally {
      await server.close();
    }
  });

  it("fails with the ID when the server still keeps other keys", async () => {
    const stubborn = wireCustomer({ metadata: { region: "northeast", tier: "gold" } });
    const server = await startScriptedServer([{ body: stubborn }]);

    try {
      const client = testClient(server.url, "sk_live_0123456789abcdef0123456789abcdef");
      const news = { ...original, metadata: { tier: "gold" } };

      const error = await rejectionOf(
        updateExpressCustomer(client, stubborn.expressCustomerId as string, news),
      );

      expect(error).toBeInstanceOf(PartialFailureError);
      expect((error as Error).message).toMatch(/replacing its metadata failed: the API kept/);
    } finally {
      await server.close();
    }
  });
});
