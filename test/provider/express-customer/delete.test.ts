import { describe, expect, it } from "vitest";

import { deleteExpressCustomer } from "../../../provider/src/express-customer/delete";
import { rejectionOf } from "../http/helpers/capture";
import { startScriptedServer } from "../http/helpers/scripted-server";
import { testClient, unknownCustomerId, useEmulatorCustomer, wireCustomer } from "./helpers";

describe("delete", () => {
  const t = useEmulatorCustomer();

  it("deactivates the customer, which the API keeps", async () => {
    await deleteExpressCustomer(t.client, t.id);

    const { status, body } = await t.emulator.bare("GET", `/v1/express/${t.id}`);
    expect(status).toBe(200);
    expect(body.isActive).toBe(false);
  });

  it("succeeds again on a customer already deactivated", async () => {
    await deleteExpressCustomer(t.client, t.id);
    await deleteExpressCustomer(t.client, t.id);

    expect((await t.emulator.bare("GET", `/v1/express/${t.id}`)).body.isActive).toBe(false);
    const stats = await t.emulator.admin.stats();
    expect(stats.requests["POST /v1/express/:expressCustomerId/deactivate"]).toEqual({ 200: 2 });
  });

  it("succeeds on a customer the API does not know (404)", async () => {
    await expect(deleteExpressCustomer(t.client, unknownCustomerId())).resolves.toBeUndefined();
  });

  it("throws on any other failure, so the customer stays in state", async () => {
    await t.emulator.admin.setFaults({
      rules: [{ fault: "status", status: 500, route: "POST /v1/express/:id/deactivate" }],
    });

    const error = await rejectionOf(deleteExpressCustomer(t.noRetries(), t.id));

    expect(error).toMatchObject({ code: "AVARA_E_SERVER" });
    expect((await t.emulator.bare("GET", `/v1/express/${t.id}`)).body.isActive).toBe(true);
  });
});

describe("delete against a server that refuses to deactivate twice", () => {
  const apiKey = "sk_live_0123456789abcdef0123456789abcdef";
  const refusal = { status: 409, body: { message: "Already inactive.", code: "already_inactive" } };

  it("accepts a 409 when the customer reads back inactive", async () => {
    const inactive = { body: wireCustomer({ isActive: false }) };
    const server = await startScriptedServer([refusal, inactive]);

    try {
      const id = wireCustomer().expressCustomerId as string;
      await deleteExpressCustomer(testClient(server.url, apiKey, 0), id);

      expect(server.received.map((request) => request.method)).toEqual(["POST", "GET"]);
    } finally {
      await server.close();
    }
  });

  it("throws the 409 when the customer reads back active", async () => {
    const server = await startScriptedServer([refusal, { body: wireCustomer({ isActive: true }) }]);

    try {
      const id = wireCustomer().expressCustomerId as string;
      const error = await rejectionOf(deleteExpressCustomer(testClient(server.url, apiKey, 0), id));

      expect(error).toMatchObject({ code: "AVARA_E_CONFLICT", status: 409 });
    } finally {
      await server.close();
    }
  });
});
