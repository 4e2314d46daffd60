import { describe, expect, it } from "vitest";

import { labelWithErrorCode, withErrorCodes } from "../../provider/src/error-label";
import { ConfigurationError, NotFoundError } from "../../provider/src/errors";
import { PartialFailureError } from "../../provider/src/express-customer/partial-failure";
import type { ExpressCustomerOutputs } from "../../provider/src/express-customer/outputs";

describe("labelWithErrorCode", () => {
  it("appends the stable code to the message of one of our errors, keeping its class", () => {
    const error = new ConfigurationError("No Avara API key was given.");

    const labelled = labelWithErrorCode(error);

    expect(labelled).toBe(error);
    expect(ConfigurationError.isInstance(labelled)).toBe(true);
    expect(labelled.message).toBe("No Avara API key was given. [AVARA_E_CONFIG]");
  });

  it("labels once however often it is applied", () => {
    const error = labelWithErrorCode(labelWithErrorCode(new ConfigurationError("No key.")));

    expect(error.message).toBe("No key. [AVARA_E_CONFIG]");
  });

  it("labels the message and the first reason of a failure after the ID was known", () => {
    const cause = new ConfigurationError("No key.");
    const outputs = { expressCustomerId: "cus_0123456789abcdef0123456789abcdef" };
    const error = new PartialFailureError(
      outputs as ExpressCustomerOutputs,
      "provider text",
      "deactivating it",
      cause,
    );

    labelWithErrorCode(error);

    expect(error.message).toMatch(/ \[AVARA_E_CONFIG\]$/);
    expect(error.reasons[0]).toMatch(/^deactivating it failed: .* \[AVARA_E_CONFIG\]$/);
    expect(error.id).toBe(outputs.expressCustomerId);
  });

  it.each([
    ["a plain Error", new Error("boom")],
    ["an error with a foreign code", Object.assign(new Error("refused"), { code: "ECONNREFUSED" })],
    ["a string", "not an error"],
  ])("leaves %s untouched", (_, thrown) => {
    const before = thrown instanceof Error ? thrown.message : thrown;

    const after = labelWithErrorCode(thrown);

    expect(after).toBe(thrown);
    expect(after instanceof Error ? after.message : after).toBe(before);
  });
});

describe("withErrorCodes", () => {
  it("returns the operation's result", async () => {
    await expect(withErrorCodes(async () => 42)).resolves.toBe(42);
  });

  it("rethrows the operation's error with its code appended", async () => {
    const failing = withErrorCodes(async () => {
      throw new ConfigurationError("No key.");
    });

    await expect(failing).rejects.toThrow("No key. [AVARA_E_CONFIG]");
  });

  it("labels any error that carries one of our codes, and keeps its class", async () => {
    const thrown = await withErrorCodes(async () => {
      const init = { status: 404, method: "GET", path: "/v1/express" };
      const body = { apiCode: null, apiMessage: null };
      throw new NotFoundError("AVARA_E_NOT_FOUND", { ...init, ...body }, "404 from GET");
    }).catch((error: unknown) => error);

    expect(NotFoundError.isInstance(thrown)).toBe(true);
    expect((thrown as Error).message).toMatch(/ \[AVARA_E_NOT_FOUND\]$/);
  });
});
