import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { promisify } from "node:util";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import * as providerImpl from "../../../provider/src/provider-impl";
import { startTestEmulator, type TestEmulator } from "../http/helpers/test-emulator";

const run = promisify(execFile);
const repoRoot = resolve(__dirname, "../../..");
const fixtures = join(__dirname, "fixtures");
// The pinned Node, with no test-runner transform: what the engine's plugin process runs.
const node = join(repoRoot, "node_modules/.bin/node");
const SECRET_KEY = "sk_live_5ec12e75ec12e75ec12e75ec12e75ec1";
const RELEASE_FIXTURE = join(fixtures, "serialized-provider-0.1.0.txt");

interface SerializedLine {
  type: string;
  name: string;
  provider: string;
}

// Both the env var and the program's stack config hold a key; neither may reach the text. The
// config key is a secret, as the program demands (it refuses a plain avara:apiKey).
async function serializeInFreshProcess(): Promise<SerializedLine[]> {
  const config = JSON.stringify({ "avara:apiKey": SECRET_KEY, "avara:baseUrl": "https://x.test" });
  const secretKeys = JSON.stringify(["avara:apiKey"]);
  const { stdout } = await run(node, [join(fixtures, "serialize-provider.cjs")], {
    cwd: repoRoot,
    env: {
      ...process.env,
      AVARA_API_KEY: SECRET_KEY,
      PULUMI_CONFIG: config,
      PULUMI_CONFIG_SECRET_KEYS: secretKeys,
    },
  });

  return stdout
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as SerializedLine);
}

describe("the serialized provider", () => {
  let runs: SerializedLine[][];

  beforeAll(async () => {
    runs = [await serializeInFreshProcess(), await serializeInFreshProcess()];
  });

  it("registers the type token pulumi-nodejs:dynamic/avara:ExpressCustomer", () => {
    expect(runs[0].map((line) => line.type)).toEqual([
      "pulumi-nodejs:dynamic/avara:ExpressCustomer",
      "pulumi-nodejs:dynamic/avara:ExpressCustomer",
    ]);
  });

  it("is at most 1 KiB", () => {
    expect(Buffer.byteLength(runs[0][0].provider, "utf8")).toBeLessThanOrEqual(1024);
  });

  it("is byte-identical across resources, runs and this release's fixture", () => {
    const texts = runs.flat().map((line) => line.provider);

    expect(new Set(texts).size).toBe(1);
    expect(texts[0]).toBe(readFileSync(RELEASE_FIXTURE, "utf8"));
  });

  it("requires only pulumi-avara/provider-impl", () => {
    const requires = runs[0][0].provider.match(/require\([^)]*\)/g);

    expect(requires).toEqual(['require("pulumi-avara/provider-impl")']);
  });

  it("contains no key, no host and no environment", () => {
    const text = runs[0][0].provider;

    expect(text).not.toContain(SECRET_KEY);
    expect(text).not.toMatch(/sk_live|process\.env|https?:|x\.test/);
  });
});

describe("the serialized provider of release 0.1.0, loaded as the plugin loads it", () => {
  let emulator: TestEmulator;

  beforeAll(async () => {
    emulator = await startTestEmulator();
  });

  afterAll(async () => {
    await emulator.close();
  });

  it("installs the package's methods in configure and runs a whole lifecycle", async () => {
    const script = join(fixtures, "run-serialized-provider.cjs");
    const { stdout } = await run(node, [script, RELEASE_FIXTURE], {
      cwd: repoRoot,
      env: {
        ...process.env,
        AVARA_API_KEY: "",
        AVARA_LOG: "off",
        TEST_API_KEY: emulator.apiKey,
        TEST_BASE_URL: emulator.url,
      },
    });
    const result = JSON.parse(stdout);

    expect(result.before).toEqual([]);
    expect(result.installed).toEqual(["check", "diff", "create", "read", "update", "delete"]);
    expect(result.checked).toEqual({
      inputs: { expressCustomerName: "Through the shim", metadata: {}, isActive: true },
    });
    expect(result.created.id).toMatch(/^cus_[0-9a-f]{32}$/);
    expect(result.diff).toEqual({ changes: true });
    expect(result.updated.outs.expressCustomerName).toBe("Renamed through the shim");
    expect(result.read).toMatchObject({ id: result.created.id, props: { isActive: true } });
    const { body } = await emulator.bare("GET", `/v1/express/${result.created.id}`);
    expect(body).toMatchObject({ expressCustomerName: "Renamed through the shim" });
    expect(body.isActive).toBe(false);
  });
});

describe("provider-impl", () => {
  it("exports exactly the dynamic provider's methods, which the shim copies onto itself", () => {
    const exported = Object.entries(providerImpl)
      .filter(([, value]) => typeof value === "function")
      .map(([name]) => name)
      .sort();

    expect(exported).toEqual(["check", "configure", "create", "delete", "diff", "read", "update"]);
    expect(Object.keys(providerImpl).sort()).toEqual(exported);
  });
});
