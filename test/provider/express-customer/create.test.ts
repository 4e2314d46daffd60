import { afterEach, beforeEach, describe, expect, it } from "vitest";

import type { FaultSpec } from "../../../emulator/src/index";
import { checkInputs } from "../../../provider/src/express-customer/check";
import { createExpressCustomer } from "../../../provider/src/express-customer/create";
import { diffCustomer } from "../../../provider/src/express-customer/diff";
import type { LooseInputs } from "../../../provider/src/express-customer/inputs";
import { PartialFailureError } from "../../../provider/src/express-customer/partial-failure";
import { readExpressCustomer } from "../../../provider/src/express-customer/read";
import { updateExpressCustomer } from "../../../provider/src/express-customer/update";
import type { AvaraClient } from "../../../provider/src/http/types";
import { rejectionOf } from "../http/helpers/capture";
import { startTestEmulator, type TestEmulator } from "../http/helpers/test-emulator";
import { PROVIDER_TEXT, testClient } from "./helpers";

describe("create", () => {
  let emulator: TestEmulator;
  let client: AvaraClient;

  beforeEach(async () => {
    emulator = await startTestEmulator();
    client = testClient(emulator.url, emulator.apiKey);
  });

  afterEach(async () => {
    await emulator.close();
  });

  // One attempt only: these tests want the failure, not the retries.
  function noRetries(): AvaraClient {
    return testClient(emulator.url, emulator.apiKey, 0);
  }

  function checked(news: Record<string, unknown>): LooseInputs & { __provider: string } {
    return { ...(checkInputs(news).inputs as LooseInputs), __provider: PROVIDER_TEXT };
  }

  it("posts the customer and returns its ID and full outputs", async () => {
    const inputs = checked({ expressCustomerName: "City Radiology", metadata: { region: "ne" } });

    const result = await createExpressCustomer(client, inputs);

    expect(result.id).toMatch(/^cus_[0-9a-f]{32}$/);
    expect(result.outs).toEqual({
      schemaVersion: 1,
      expressCustomerId: result.id,
      expressCustomerName: "City Radiology",
      metadata: { region: "ne" },
      isActive: true,
      createdAt: expect.stringMatching(/Z$/),
      updatedAt: expect.stringMatching(/Z$/),
      userCount: 0,
      createdByApiKeyId: emulator.apiKeyId,
      createdByUserId: null,
    });
    const { body } = await emulator.bare("GET", `/v1/express/${result.id}`);
    expect(body).toMatchObject({ expressCustomerName: "City Radiology", isActive: true });
  });

  it.each([
    ["left out", {}],
    ["null", { metadata: null }],
    ["empty", { metadata: {} }],
    ["an empty value", { metadata: { note: "" } }],
  ])("shows no diff and no drift when metadata is %s", async (_label, extra) => {
    const inputs = checked({ expressCustomerName: "Clinic", ...extra });

    const created = await createExpressCustomer(client, inputs);
    expect(diffCustomer(created.outs!, inputs)).toEqual({ changes: false });

    const refreshed = await readExpressCustomer(client, created.id);
    expect(diffCustomer(refreshed.props!, inputs)).toEqual({ changes: false });
  });

  it("deactivates the customer right after when isActive is false", async () => {
    const inputs = checked({ expressCustomerName: "Dormant", isActive: false });

    const result = await createExpressCustomer(client, inputs);

    expect(result.outs?.isActive).toBe(false);
    const { body } = await emulator.bare("GET", `/v1/express/${result.id}`);
    expect(body.isActive).toBe(false);
  });

  it("creates exactly one customer when the answer to the POST is lost", async () => {
    await emulator.admin.setFaults({
      rules: [{ fault: "drop-after", route: "POST /v1/express", next: 1 }],
    });

    const result = await createExpressCustomer(client, checked({ expressCustomerName: "Once" }));

    const customers = await emulator.allCustomers();
    expect(customers.map((customer) => customer.expressCustomerId)).toEqual([result.id]);
    const stats = await emulator.admin.stats();
    expect(stats.requests["POST /v1/express"]).toMatchObject({ dropped: 1 });
  });

  describe("a failure after the POST", () => {
    const deactivateFails: FaultSpec = {
      rules: [{ fault: "status", status: 500, route: "POST /v1/express/:id/deactivate" }],
    };

    it("throws an error carrying the ID, the outputs and __provider", async () => {
      await emulator.admin.setFaults(deactivateFails);
      const inputs = checked({ expressCustomerName: "Half done", isActive: false });

      const error = await rejectionOf(createExpressCustomer(noRetries(), inputs));

      expect(error).toBeInstanceOf(PartialFailureError);
      const partial = error as PartialFailureError;
      const [customer] = await emulator.allCustomers();
      expect(partial.id).toBe(customer.expressCustomerId);
      expect(partial.code).toBe("AVARA_E_SERVER");
      expect(partial.properties).toMatchObject({
        __provider: PROVIDER_TEXT,
        expressCustomerId: partial.id,
        expressCustomerName: "Half done",
        isActive: true,
      });
      expect(partial.reasons).toEqual([
        expect.stringMatching(/^deactivating it failed: 500 from POST/),
      ]);
      expect(partial.message).toMatch(
        new RegExp(
          `^Avara customer ${partial.id} exists, but deactivating it failed: .*` +
            "run `pulumi up` again",
        ),
      );
    });

    it("is finished by the update the next up runs", async () => {
      await emulator.admin.setFaults(deactivateFails);
      const inputs = checked({ expressCustomerName: "Half done", isActive: false });
      const partial = (await rejectionOf(
        createExpressCustomer(noRetries(), inputs),
      )) as PartialFailureError;
      await emulator.admin.clearFaults();

      expect(diffCustomer(partial.properties, inputs)).toEqual({ changes: true });
      const updated = await updateExpressCustomer(client, partial.id, inputs);

      expect(updated.outs?.isActive).toBe(false);
      expect(await emulator.allCustomers()).toHaveLength(1);
    });
  });
});
