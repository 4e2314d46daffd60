import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { createExpressCustomer } from "../../../provider/src/express-customer/create";
import { changedInputs } from "../../../provider/src/express-customer/diff";
import { readExpressCustomer } from "../../../provider/src/express-customer/read";
import { updateExpressCustomer } from "../../../provider/src/express-customer/update";
import type { AvaraClient } from "../../../provider/src/http/types";
import { errorText, rejectionOf } from "../http/helpers/capture";
import { startTestEmulator, type TestEmulator } from "../http/helpers/test-emulator";
import { PROVIDER_TEXT, testClient, unknownCustomerId } from "./helpers";

const program = {
  __provider: PROVIDER_TEXT,
  expressCustomerName: "City Radiology",
  metadata: { region: "northeast", tier: "gold" },
  isActive: true,
};

describe("read", () => {
  let emulator: TestEmulator;
  let client: AvaraClient;
  let id: string;

  beforeEach(async () => {
    emulator = await startTestEmulator();
    client = testClient(emulator.url, emulator.apiKey);
    id = (await createExpressCustomer(client, program)).id;
  });

  afterEach(async () => {
    await emulator.close();
  });

  it("returns the outputs, and inputs as the API has them", async () => {
    const result = await readExpressCustomer(client, id);

    expect(result.id).toBe(id);
    expect(result.props).toMatchObject({
      expressCustomerId: id,
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
    await emulator.bare("PATCH", `/v1/express/${id}`, { body: drift });

    const refreshed = await readExpressCustomer(client, id);
    expect(refreshed.inputs).toMatchObject(drift);
    expect(changedInputs(refreshed.props!, program)).toEqual([
      "expressCustomerName",
      "metadata",
    ]);

    await updateExpressCustomer(client, id, program);
    const { body } = await emulator.bare("GET", `/v1/express/${id}`);
    expect(body).toMatchObject({ expressCustomerName: program.expressCustomerName });
    expect(body.metadata).toEqual(program.metadata);
    const again = await readExpressCustomer(client, id);
    expect(changedInputs(again.props!, program)).toEqual([]);
  });

  it("keeps a customer deactivated out of band, with isActive false", async () => {
    await emulator.bare("POST", `/v1/express/${id}/deactivate`);

    const refreshed = await readExpressCustomer(client, id);

    expect(refreshed.id).toBe(id);
    expect(refreshed.props).toMatchObject({ isActive: false });
    expect(refreshed.inputs).toMatchObject({ isActive: false });
    expect(changedInputs(refreshed.props!, program)).toEqual(["isActive"]);
  });

  it("returns an empty ID for a customer the API does not know (404)", async () => {
    expect(await readExpressCustomer(client, unknownCustomerId())).toEqual({ id: "" });
  });

  it("returns an empty ID for another clinic's customer (404 to this key)", async () => {
    const other = emulator.createKey("another-clinic");

    const result = await readExpressCustomer(testClient(emulator.url, other.apiKey), id);

    expect(result).toEqual({ id: "" });
  });

  it.each([
    [500, { fault: "status", status: 500 }, "AVARA_E_SERVER"],
    [503, { fault: "status", status: 503, retryAfterMs: 0 }, "AVARA_E_SERVER"],
    [429, { fault: "status", status: 429, retryAfterMs: 0 }, "AVARA_E_RATE_LIMITED"],
    ["a reset connection", { fault: "drop-before" }, "AVARA_E_CONNECTION"],
  ] as const)("throws, keeping the customer in state, on %s", async (_label, rule, code) => {
    await emulator.admin.setFaults({ rules: [{ ...rule, route: "GET /v1/express/:id" }] });

    const error = await rejectionOf(readExpressCustomer(client, id));

    expect(error).toMatchObject({ code });
  });

  it("throws on 401, without the rejected key in the message", async () => {
    const wrongKey = "sk_live_ffffffffffffffffffffffffffffffff";

    const error = await rejectionOf(readExpressCustomer(testClient(emulator.url, wrongKey), id));

    expect(error).toMatchObject({ code: "AVARA_E_AUTH", status: 401 });
    expect(errorText(error)).not.toContain(wrongKey);
  });
});
