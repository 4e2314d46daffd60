import { request } from "undici";
import { afterAll, beforeAll, beforeEach } from "vitest";

import { AdminClient, type FaultSpec, type WireCustomer } from "../../../../emulator/src/index";
import { buildServer } from "../../../../emulator/src/server";
import { listen } from "../../../../emulator/src/start-emulator";
import { createAvaraClient, type ClientInternals } from "../../../../provider/src/http/client";
import { RequestLimiter } from "../../../../provider/src/http/limiter";
import type { AvaraClient, AvaraClientOptions } from "../../../../provider/src/http/types";
import type { Logger } from "../../../../provider/src/log";
import { instantClock } from "./capture";

/** A real emulator on a free loopback port whose clock a test can move. */
export interface TestEmulator {
  url: string;
  apiKey: string;
  apiKeyId: string;
  admin: AdminClient;
  /** Makes the emulator stamp new customers `ms` away from now (negative: in the past). */
  shiftClock(ms: number): void;
  /** A second key; in another clinic when `clinic` is given. */
  createKey(clinic?: string): { apiKey: string; apiKeyId: string };
  /** One raw request, outside the client under test (another process, say). */
  bare(
    method: "GET" | "POST" | "PATCH" | "DELETE",
    path: string,
    options?: { body?: unknown; apiKey?: string },
  ): Promise<{ status: number; body: any }>;
  /** Every customer of `apiKey`'s clinic, read without the client under test. */
  allCustomers(apiKey?: string): Promise<WireCustomer[]>;
  close(): Promise<void>;
}

const ADMIN_TOKEN = "client-tests-admin-token";
const CLINIC = "clinic-a";

/** Starts an in-memory emulator over real HTTP on 127.0.0.1, port 0. */
export async function startTestEmulator(
  options: { uniqueNames?: boolean; faults?: FaultSpec } = {},
): Promise<TestEmulator> {
  let shiftMs = 0;
  const { app, context } = buildServer({
    db: ":memory:",
    adminToken: ADMIN_TOKEN,
    defaultClinic: CLINIC,
    uniqueNames: options.uniqueNames ?? false,
    faults: options.faults ?? {},
    clock: () => new Date(Date.now() + shiftMs),
  });
  const { apiKey, apiKeyId } = context.store.keys.create(CLINIC);
  const url = await listen(app, "127.0.0.1", 0);

  const bare: TestEmulator["bare"] = async (method, path, callOptions = {}) => {
    const response = await request(new URL(path, url), {
      method,
      headers: {
        authorization: `Bearer ${callOptions.apiKey ?? apiKey}`,
        ...(callOptions.body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: callOptions.body === undefined ? undefined : JSON.stringify(callOptions.body),
    });
    const text = await response.body.text();
    return { status: response.statusCode, body: text === "" ? undefined : JSON.parse(text) };
  };

  return {
    url,
    apiKey,
    apiKeyId,
    admin: new AdminClient(url, ADMIN_TOKEN),
    shiftClock: (ms) => {
      shiftMs = ms;
    },
    createKey: (clinic = CLINIC) => context.store.keys.create(clinic),
    bare,
    async allCustomers(key = apiKey) {
      const customers: WireCustomer[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < 1000; page += 1) {
        const query = cursor === undefined ? "" : `&cursor=${encodeURIComponent(cursor)}`;
        const { body } = await bare("GET", `/v1/express?limit=100${query}`, { apiKey: key });
        customers.push(...body.expressCustomers);
        if (!body.hasMore) return customers;
        cursor = body.cursor;
      }
      throw new Error("the listing did not end");
    },
    close: () => app.close(),
  };
}

/**
 * One emulator for the whole test file, started before its first test and closed after its last;
 * data, faults and clock are reset before each test. Returns a getter for it.
 */
export function useTestEmulator(): () => TestEmulator {
  let emulator: TestEmulator | undefined;
  const current = () => {
    if (emulator === undefined) throw new Error("the test emulator has not started");
    return emulator;
  };

  beforeAll(async () => {
    emulator = await startTestEmulator();
  });
  afterAll(async () => {
    await emulator?.close();
  });
  beforeEach(async () => {
    await current().admin.reset();
    current().shiftClock(0);
  });
  return current;
}

/** A client of `emulator` for tests: its key unless given, instant sleeps, its own limiter. */
export function testClient(
  emulator: TestEmulator,
  logger: Logger,
  options: Omit<AvaraClientOptions, "logger"> = {},
  internals: ClientInternals = {},
): AvaraClient {
  return createAvaraClient(
    { baseUrl: emulator.url, apiKey: emulator.apiKey, logger, ...options },
    { clock: instantClock(), limiter: new RequestLimiter(), ...internals },
  );
}
