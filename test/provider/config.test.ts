import { Config } from "@pulumi/pulumi/cmd/dynamic-provider/config";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { applyStackConfig, providerClient } from "../../provider/src/config";
import { ConfigurationError, NotFoundError } from "../../provider/src/errors";
import { errorText, rejectionOf } from "./http/helpers/capture";
import { startTestEmulator, type TestEmulator } from "./http/helpers/test-emulator";
import { unknownCustomerId } from "./express-customer/helpers";

const WRONG_KEY = "sk_live_ffffffffffffffffffffffffffffffff";
const ENV_NAMES = ["AVARA_API_KEY", "AVARA_BASE_URL", "AVARA_LOG"] as const;

// The host hands configure() the whole stack configuration, namespaces kept (A7), in this class.
function stackConfig(values: Record<string, string>): Config {
  return new Config(values, "my-project");
}

describe("provider configuration", () => {
  let emulator: TestEmulator;
  const savedEnv: Record<string, string | undefined> = {};

  beforeEach(async () => {
    for (const name of ENV_NAMES) {
      savedEnv[name] = process.env[name];
      delete process.env[name];
    }
    process.env.AVARA_LOG = "off";
    emulator = await startTestEmulator();
  });

  afterEach(async () => {
    for (const name of ENV_NAMES) {
      if (savedEnv[name] === undefined) delete process.env[name];
      else process.env[name] = savedEnv[name];
    }
    applyStackConfig(stackConfig({}));
    await emulator.close();
  });

  function emulatorConfig(): Config {
    return stackConfig({ "avara:apiKey": emulator.apiKey, "avara:baseUrl": emulator.url });
  }

  // A 404 for an unknown ID shows the call reached the emulator with a key it accepted.
  async function expectAcceptedKey(): Promise<void> {
    const error = await rejectionOf(providerClient().retrieveCustomer(unknownCustomerId()));
    expect(NotFoundError.isInstance(error), errorText(error)).toBe(true);
  }

  it("reads avara:apiKey and avara:baseUrl from the stack configuration", async () => {
    applyStackConfig(
      stackConfig({
        "avara:apiKey": emulator.apiKey,
        "avara:baseUrl": emulator.url,
        "my-project:apiKey": WRONG_KEY,
      }),
    );

    await expectAcceptedKey();
  });

  it("falls back to AVARA_API_KEY and AVARA_BASE_URL", async () => {
    process.env.AVARA_API_KEY = emulator.apiKey;
    process.env.AVARA_BASE_URL = emulator.url;
    applyStackConfig(stackConfig({}));

    await expectAcceptedKey();
  });

  it("prefers the stack configuration to the environment", async () => {
    process.env.AVARA_API_KEY = WRONG_KEY;
    process.env.AVARA_BASE_URL = "http://127.0.0.1:9";
    applyStackConfig(emulatorConfig());

    await expectAcceptedKey();
  });

  it("fails with a ConfigurationError naming both ways to set a missing key", () => {
    applyStackConfig(stackConfig({ "avara:baseUrl": emulator.url }));

    let error: unknown;
    try {
      providerClient();
    } catch (caught) {
      error = caught;
    }

    expect(ConfigurationError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: "AVARA_E_CONFIG" });
    expect((error as Error).message).toContain("pulumi config set --secret avara:apiKey");
    expect((error as Error).message).toContain("AVARA_API_KEY");
  });

  it("uses the new key once configure runs again, as after a rotation", async () => {
    applyStackConfig(stackConfig({ "avara:apiKey": WRONG_KEY, "avara:baseUrl": emulator.url }));
    const rejected = await rejectionOf(providerClient().retrieveCustomer(unknownCustomerId()));
    expect(rejected).toMatchObject({ code: "AVARA_E_AUTH" });
    expect(errorText(rejected)).not.toContain(WRONG_KEY);

    applyStackConfig(emulatorConfig());

    await expectAcceptedKey();
  });
});
