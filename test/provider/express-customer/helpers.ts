import { randomBytes } from "node:crypto";

import { afterEach, beforeEach } from "vitest";

import { createExpressCustomer } from "../../../provider/src/express-customer/create";
import type { LooseInputs } from "../../../provider/src/express-customer/inputs";
import { createAvaraClient } from "../../../provider/src/http/client";
import type { AvaraClient } from "../../../provider/src/http/types";
import { silentLogger } from "../../../provider/src/log";
import { instantClock } from "../http/helpers/capture";
import { startTestEmulator, type TestEmulator } from "../http/helpers/test-emulator";

/** Stands in for the serialized provider the host adds to every input and output. */
export const PROVIDER_TEXT = 'exports.handler = __f0; /* require("pulumi-avara/provider-impl") */';

/** A well-formed customer ID that no emulator has issued. */
export function unknownCustomerId(): string {
  return `cus_${randomBytes(16).toString("hex")}`;
}

/** A client of `url` with `apiKey` whose backoff sleeps end at once. */
export function testClient(url: string, apiKey: string, maxRetries = 2): AvaraClient {
  return createAvaraClient(
    { baseUrl: url, apiKey, maxRetries, logger: silentLogger },
    { clock: instantClock() },
  );
}

/** A customer as the API sends it, for scripted servers. */
export function wireCustomer(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    expressCustomerId: "cus_0123456789abcdef0123456789abcdef",
    expressCustomerName: "City Radiology",
    isActive: true,
    metadata: { region: "northeast" },
    createdAt: "2026-12-04T15:21:56.123Z",
    updatedAt: "2026-12-04T15:21:56.123Z",
    userCount: 0,
    createdByApiKeyId: "550e8400-e29b-41d4-a716-446655440000",
    ...overrides,
  };
}

/** The checked inputs of the customer most tests work on, as the host passes them. */
export const CITY_RADIOLOGY = {
  __provider: PROVIDER_TEXT,
  expressCustomerName: "City Radiology",
  metadata: { region: "northeast", tier: "gold" },
  isActive: true,
};

/** What {@link useEmulatorCustomer} sets up before each test. */
export interface EmulatorCustomer {
  emulator: TestEmulator;
  /** A client with retries, whose backoff sleeps end at once. */
  client: AvaraClient;
  /** The customer created from the inputs, through the provider. */
  id: string;
  /** A client that makes one attempt only, for tests that want the failure itself. */
  noRetries(): AvaraClient;
}

/**
 * Starts a fresh emulator before each test of the calling suite and creates one customer from
 * `inputs` through the provider; closes the emulator after each test. Read the fields in tests.
 */
export function useEmulatorCustomer(inputs: LooseInputs = CITY_RADIOLOGY): EmulatorCustomer {
  const context = {
    noRetries: () => testClient(context.emulator.url, context.emulator.apiKey, 0),
  } as EmulatorCustomer;

  beforeEach(async () => {
    context.emulator = await startTestEmulator();
    context.client = testClient(context.emulator.url, context.emulator.apiKey);
    context.id = (await createExpressCustomer(context.client, inputs)).id;
  });

  afterEach(async () => {
    await context.emulator.close();
  });

  return context;
}
