import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { createExpressCustomer } from "../../../provider/src/express-customer/create";
import type { AvaraClient } from "../../../provider/src/http/types";
import { rejectionOf } from "../http/helpers/capture";
import { startTestEmulator, type TestEmulator } from "../http/helpers/test-emulator";
import { PROVIDER_TEXT, testClient, unknownCustomerId } from "./helpers";

describe("create with adoptExistingId", () => {
  let emulator: TestEmulator;
  let client: AvaraClient;
  let existingId: string;

  beforeEach(async () => {
    emulator = await startTestEmulator();
    client = testClient(emulator.url, emulator.apiKey);
    const body = { expressCustomerName: "Made by hand", metadata: { legacy: "yes" } };
    existingId = (await emulator.bare("POST", "/v1/express", { body })).body.expressCustomerId;
  });

  afterEach(async () => {
    await emulator.close();
  });

  function program(extra: Record<string, unknown> = {}) {
    return {
      __provider: PROVIDER_TEXT,
      expressCustomerName: "Managed by Pulumi",
      metadata: { owner: "platform" },
      adoptExistingId: existingId,
      ...extra,
    };
  }

  it("adopts the customer without a POST and brings it to the program's values", async () => {
    const result = await createExpressCustomer(client, program());

    expect(result.id).toBe(existingId);
    expect(result.outs).toMatchObject({
      expressCustomerId: existingId,
      expressCustomerName: "Managed by Pulumi",
      metadata: { owner: "platform" },
      isActive: true,
    });
    const stats = await emulator.admin.stats();
    expect(stats.createsReceived).toBe(1);
    expect(await emulator.allCustomers()).toHaveLength(1);
  });

  it("refuses a deactivated customer unless the program asks for isActive false", async () => {
    await emulator.bare("POST", `/v1/express/${existingId}/deactivate`);

    const refused = await rejectionOf(createExpressCustomer(client, program()));
    expect(refused).toMatchObject({ code: "AVARA_E_INVALID_INPUT" });
    expect((refused as Error).message).toMatch(/is deactivated\. To adopt it as it is, set isAct/);

    const adopted = await createExpressCustomer(client, program({ isActive: false }));
    expect(adopted.outs).toMatchObject({
      isActive: false,
      expressCustomerName: "Managed by Pulumi",
    });
  });

  it("deactivates an adopted customer when the program asks for isActive false", async () => {
    const result = await createExpressCustomer(client, program({ isActive: false }));

    expect(result.outs?.isActive).toBe(false);
    expect((await emulator.bare("GET", `/v1/express/${existingId}`)).body.isActive).toBe(false);
  });

  it.each([
    ["an unknown ID", () => unknownCustomerId()],
    ["another clinic's customer", () => existingId],
  ])("fails with what to check for %s", async (_label, id) => {
    const other = emulator.createKey("another-clinic");
    const otherClient = testClient(emulator.url, other.apiKey);

    const inputs = program({ adoptExistingId: id() });
    const error = await rejectionOf(createExpressCustomer(otherClient, inputs));

    expect(error).toMatchObject({ code: "AVARA_E_INVALID_INPUT" });
    expect((error as Error).message).toMatch(/^adoptExistingId: there is no customer cus_\w+ /);
  });
});
