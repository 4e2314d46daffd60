import { describe, expect, it } from "vitest";

import { changedInputs } from "../../../provider/src/express-customer/diff";
import { readExpressCustomer } from "../../../provider/src/express-customer/read";
import { updateExpressCustomer } from "../../../provider/src/express-customer/update";
import { errorText, rejectionOf } from "../http/helpers/capture";
import { CITY_RADIOLOGY, testClient, unknownCustomerId, useEmulatorCustomer } from "./helpers";

const program = CITY_RADIOLOGY;

describe("read", () => {
  const t = useEmulatorCustomer();

  it("refuses an answer about another customer, leaving state as it was", async () => {
    const other = await t.client.createCustomer({ expressCustomerName: "Another Clinic" });
    const misrouting = {
      ...t.client,
      retrieveCustomer: () => t.client.retrieveCustomer(other.expressCustomerId),
    };

    const error = await rejectionOf(readExpressCustomer(misrouting, t.id));

    expect(error).toMatchObject({ code: "AVARA_E_UNEXPECTED_RESPONSE" });
    expect(errorText(error)).toContain(`answered with customer ${other.expressCustomerId}`);
  });

  it("returns the outputs, and inputs as the API has them", async () => {
    const result = await readExpressCustomer(t.client, t.id);

    expect(result.id).toBe(t.id);
    expect(result.props).toMatchObject({
      expressCustomerId: t.id,
      expressCustomerName: "City Radiology",
      metadata: { region: "northeast", tier: "gold" },
      isActive: true,
    });
    expect(result.inputs).toEqual({
      expressCustomerName: "City Radiology",
      metadata: { region: "northeast", tier: "gold" },
      isActive: true,
    });
  });

  it("finds an out-of-band change, which the next update undoes", async () => {
    const drift = { expressCustomerName: "Renamed", metadata: { region: "west", extra: "x" } };
    await t.emulator.bare("PATCH", `/v1/express/${t.id}`, { body: drift });

    const refreshed = await readExpressCustomer(t.client, t.id);
    expect(refreshed.inputs).toMatchObject(drift);
    expect(changedInputs(refreshed.props!, program)).toEqual([
      "expressCustomerName",
      "metadata",
    ]);

    await updateExpressCustomer(t.client, t.id, program);
    const { body } = await t.emulator.bare("GET", `/v1/express/${t.id}`);
    expect(body).toMatchObject({ expressCustomerName: program.expressCustomerName });
    expect(body.metadata).toEqual(program.metadata);
    const again = await readExpressCustomer(t.client, t.id);
    expect(changedInputs(again.props!, program)).toEqual([]);
  });

  it("keeps a customer deactivated out of band, with isActive false", async () => {
    await t.emulator.bare("POST", `/v1/express/${t.id}/deactivate`);

    const refreshed = await readExpressCustomer(t.client, t.id);

    expect(refreshed.id).toBe(t.id);
    expect(refreshed.props).toMatchObject({ isActive: false });
    expect(refreshed.inputs).toMatchObject({ isActive: false });
    expect(changedInputs(refreshed.props!, program)).toEqual(["isActive"]);
  });

  it("returns an empty ID for a customer the API does not know (404)", async () => {
    expect(await readExpressCustomer(t.client, unknownCustomerId())).toEqual({ id: "" });
  });

  // The API answers another clinic's key exactly as it answers for a deleted customer (§13 D9),
  // and that key can list its own clinic, so nothing tells the two apart: the docs warn about it.
  it("returns an empty ID for another clinic's customer (404 to this key)", async () => {
    const other = t.emulator.createKey("another-clinic");

    const result = await readExpressCustomer(testClient(t.emulator.url, other.apiKey), t.id);

    expect(result).toEqual({ id: "" });
  });

  it.each([
    [500, { fault: "status", status: 500 }, "AVARA_E_SERVER"],
    [503, { fault: "status", status: 503, retryAfterMs: 0 }, "AVARA_E_SERVER"],
    [429, { fault: "status", status: 429, retryAfterMs: 0 }, "AVARA_E_RATE_LIMITED"],
    ["a reset connection", { fault: "drop-before" }, "AVARA_E_CONNECTION"],
  ] as const)("throws, keeping the customer in state, on %s", async (_label, rule, code) => {
    await t.emulator.admin.setFaults({ rules: [{ ...rule, route: "GET /v1/express/:id" }] });

    const error = await rejectionOf(readExpressCustomer(t.client, t.id));

    expect(error).toMatchObject({ code });
  });

  it("throws on 401, without the rejected key in the message", async () => {
    const wrongKey = "sk_live_ffffffffffffffffffffffffffffffff";

    const rejected = testClient(t.emulator.url, wrongKey);
    const error = await rejectionOf(readExpressCustomer(rejected, t.id));

    expect(error).toMatchObject({ code: "AVARA_E_AUTH", status: 401 });
    expect(errorText(error)).not.toContain(wrongKey);
  });
});
