import { join } from "node:path";

import { expect } from "vitest";

import { type RunningEmulator, startEmulator } from "../../../emulator/src/index";
import { type TestStack, withTestStack } from "../../support/pulumi-stack";

/** The type token every `avara.ExpressCustomer` is registered with. */
export const CUSTOMER_TYPE = "pulumi-nodejs:dynamic/avara:ExpressCustomer";

/** What the test program's `customers` config holds: resource name → arguments. */
export type DeclaredCustomers = Record<string, Record<string, unknown>>;

/** A resource of the exported state, as `pulumi stack export` writes it. */
export interface StateResource {
  urn: string;
  type: string;
  id?: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
}

/** A stack of test/engine/programs/customers against a fresh emulator, and helpers around it. */
export interface CustomersStack extends TestStack {
  emulator: RunningEmulator;
  /** Replaces the `customers` config; the next command declares exactly these. */
  declare(customers: DeclaredCustomers): Promise<void>;
  /** One request to the emulator with the stack's key, as another tool would make it. */
  api(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }>;
  /** The `avara.ExpressCustomer` resources in the exported state. */
  customerResources(): Promise<StateResource[]>;
  /** What `pulumi stack export` prints: the state as stored, secrets encrypted. */
  stackExport(): Promise<string>;
  /** Asserts the API key is in no command output and not in `pulumi stack export`. */
  expectNoKeyLeaked(): Promise<void>;
}

const programDir = join(__dirname, "../programs/customers");

/**
 * Where the stack gets the API key: `avara:apiKey` as secret config, `avara:apiKey` set without
 * `--secret` (which the program refuses), or AVARA_API_KEY.
 */
export type KeySource = "config" | "plain-config" | "env";

/**
 * Runs `body` with a stack declaring `customers`, configured with the emulator's URL and key, and
 * tears both down afterwards, even when `body` throws.
 */
export async function withCustomersStack(
  customers: DeclaredCustomers,
  body: (t: CustomersStack) => Promise<void>,
  keySource: KeySource = "config",
): Promise<void> {
  const emulator = await startEmulator();

  try {
    const config: Record<string, { value: string; secret?: boolean }> = {
      "avara:baseUrl": { value: emulator.url },
      customers: { value: JSON.stringify(customers) },
    };
    const envVars: Record<string, string> = {};
    if (keySource === "env") envVars.AVARA_API_KEY = emulator.apiKey;
    else config["avara:apiKey"] = { value: emulator.apiKey, secret: keySource === "config" };

    await withTestStack({ programDir, config, envVars }, async (t) => {
      await body({ ...t, emulator, ...helpers(t, emulator) });
    });
  } finally {
    await emulator.close();
  }
}

function helpers(t: TestStack, emulator: RunningEmulator) {
  const stackExport = () => t.exportState();

  const customerResources = async (): Promise<StateResource[]> => {
    const state = JSON.parse(await stackExport());
    const resources: StateResource[] = state.deployment.resources ?? [];

    return resources.filter((resource) => resource.type === CUSTOMER_TYPE);
  };

  return {
    customerResources,
    stackExport,

    declare: (customers: DeclaredCustomers) =>
      t.stack.setConfig("customers", { value: JSON.stringify(customers) }),

    api: async (method: string, path: string, body?: unknown) => {
      const response = await fetch(new URL(path, emulator.url), {
        method,
        headers: {
          authorization: `Bearer ${emulator.apiKey}`,
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });

      return { status: response.status, body: await response.json() };
    },

    expectNoKeyLeaked: async () => {
      expect(t.output().length).toBeGreaterThan(0);
      expect(t.output()).not.toContain(emulator.apiKey);
      const state = await stackExport();
      expect(state).toContain('"deployment"');
      expect(state).not.toContain(emulator.apiKey);
    },
  };
}
