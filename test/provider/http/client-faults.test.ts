import { beforeEach, describe, expect, it } from "vitest";

import type { FaultRule } from "../../../emulator/src/index";
import { systemClock } from "../../../provider/src/http/clock";
import { RequestLimiter } from "../../../provider/src/http/limiter";
import type { AvaraClient, ExpressCustomer } from "../../../provider/src/http/types";
import { captureLogger, errorText, expectNoSecret } from "./helpers/capture";
import { testClient, useTestEmulator, type TestEmulator } from "./helpers/test-emulator";

let emulator: TestEmulator;
let capture: ReturnType<typeof captureLogger>;
let limiter: RequestLimiter;
let client: AvaraClient;
const thrown: string[] = [];
const everyLogLine: string[] = [];

const emulatorInFile = useTestEmulator();

beforeEach(() => {
  emulator = emulatorInFile();
  capture = captureLogger(everyLogLine);
  limiter = new RequestLimiter();
  client = testClient(emulator, capture.logger, { maxRetries: 10 }, { limiter });
});

/** Runs `call`, remembering the text of any error so the key check covers it too. */
async function recording<T>(call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (error) {
    thrown.push(errorText(error));
    throw error;
  }
}

// One fault without its trigger; the union is mapped member by member to keep each kind's fields.
type Fault = FaultRule extends infer Rule
  ? Rule extends FaultRule
    ? Omit<Rule, "route" | "next" | "probability">
    : never
  : never;

const FAULTS: [string, Fault][] = [
  ["429", { fault: "status", status: 429, retryAfterMs: 0 }],
  ["500", { fault: "status", status: 500 }],
  ["503 with Retry-After", { fault: "status", status: 503, retryAfterMs: 0 }],
  ["a connection dropped before processing", { fault: "drop-before" }],
  ["an answer lost after processing", { fault: "drop-after" }],
  ["added latency", { fault: "latency", latencyMs: 20 }],
];

/** `fault` on the next request to `route` only. */
const once = (fault: Fault, route: string) => ({ ...fault, route, next: 1 }) as FaultRule;

interface Scenario {
  route: string;
  run(customer: ExpressCustomer, userId: string): Promise<unknown>;
  check(customer: ExpressCustomer, userId: string): Promise<void>;
}

const reread = (customer: ExpressCustomer) => client.retrieveCustomer(customer.expressCustomerId);

const SCENARIOS: Record<string, Scenario> = {
  retrieveCustomer: {
    route: "GET /v1/express/:id",
    run: (c) => client.retrieveCustomer(c.expressCustomerId),
    check: async () => undefined,
  },
  updateCustomer: {
    route: "PATCH /v1/express/:id",
    run: (c) =>
      client.updateCustomer(c.expressCustomerId, {
        expressCustomerName: "renamed",
        metadata: { v: "2" },
      }),
    check: async (c) => {
      expect(await client.retrieveCustomer(c.expressCustomerId)).toMatchObject({
        expressCustomerName: "renamed",
        metadata: { v: "2" },
      });
    },
  },
  listCustomers: {
    route: "GET /v1/express",
    run: () => client.listCustomers(),
    check: async () => undefined,
  },
  deactivateCustomer: {
    route: "POST /v1/express/:id/deactivate",
    run: (c) => client.deactivateCustomer(c.expressCustomerId),
    check: async (c) => expect((await reread(c)).isActive).toBe(false),
  },
  reactivateCustomer: {
    route: "POST /v1/express/:id/reactivate",
    run: (c) => client.reactivateCustomer(c.expressCustomerId),
    check: async (c) => expect((await reread(c)).isActive).toBe(true),
  },
  addUser: {
    route: "POST /v1/express/:id/users",
    run: (c, u) => client.addUser(c.expressCustomerId, u),
    check: async (c) => expect((await reread(c)).userCount).toBe(1),
  },
  removeUser: {
    route: "DELETE /v1/express/:id/users",
    run: async (c, u) => {
      await client.addUser(c.expressCustomerId, u);
      return client.removeUser(c.expressCustomerId, u);
    },
    check: async (c) => expect((await reread(c)).userCount).toBe(0),
  },
};

describe("every call rides out every fault", () => {
  const cases = Object.keys(SCENARIOS).flatMap((call) =>
    FAULTS.map(([faultName, fault]) => [call, faultName, fault] as const),
  );

  it.each(cases)("%s survives %s", async (call, _faultName, fault) => {
    const scenario = SCENARIOS[call];
    const [userId] = await emulator.admin.seedUsers({ count: 1 });
    const customer = await client.createCustomer({
      expressCustomerName: "Faulty",
      metadata: { v: "1" },
    });
    await emulator.admin.setFaults({ rules: [once(fault, scenario.route)] });

    await recording(scenario.run(customer, userId));

    await emulator.admin.clearFaults();
    await scenario.check(customer, userId);
    const stats = await emulator.admin.stats();
    const hits = stats.requests[scenario.route.replace(":id", ":expressCustomerId")] ?? {};
    expect(Object.values(hits).reduce((sum, n) => sum + n, 0)).toBeGreaterThanOrEqual(1);
    expect(stats.customersByClinic["clinic-a"]).toBe(1);
  });

  it.each(FAULTS)("createCustomer survives %s and leaves one customer", async (_name, fault) => {
    await emulator.admin.setFaults({ rules: [once(fault, "POST /v1/express")] });

    const created = await recording(client.createCustomer({ expressCustomerName: "Once" }));

    const all = await emulator.allCustomers();
    expect(all.map((c) => c.expressCustomerId)).toEqual([created.expressCustomerId]);
  });

  it("rides out the emulator's per-key rate limit and slows the process limiter", async () => {
    const created = await client.createCustomer({ expressCustomerName: "Busy" });
    // The bucket refills a token every 5 ms and says so in retry-after-ms; real waits stay short.
    await emulator.admin.setFaults({ rateLimit: { requestsPerSecond: 200, burst: 2 } });
    const realTime = testClient(emulator, capture.logger, { maxRetries: 10 }, {
      limiter,
      clock: systemClock,
    });

    const reads = await Promise.all(
      Array.from({ length: 20 }, () =>
        recording(realTime.retrieveCustomer(created.expressCustomerId)),
      ),
    );

    expect(reads.every((c) => c.expressCustomerId === created.expressCustomerId)).toBe(true);
    const statuses = (await emulator.admin.stats()).requests["GET /v1/express/:expressCustomerId"];
    expect(statuses["200"]).toBe(20);
    expect(statuses["429"]).toBeGreaterThan(0);
    expect(limiter.limit).toBeLessThan(limiter.maxInFlight);
  });
});

describe("create safety under load", () => {
  it("leaves exactly 50 customers after 50 concurrent creates amid faults", async () => {
    await emulator.admin.setFaults({
      seed: 7,
      rules: [
        { fault: "status", status: 429, retryAfterMs: 0, probability: 0.1 },
        { fault: "status", status: 500, route: "POST /v1/express", probability: 0.1 },
        { fault: "status", status: 503, route: "GET /v1/express", probability: 0.05 },
        {
          fault: "status",
          status: 503,
          retryAfterMs: 0,
          route: "POST /v1/express",
          probability: 0.05,
        },
        { fault: "drop-after", route: "POST /v1/express", probability: 0.15 },
      ],
    });
    const names = Array.from({ length: 50 }, (_, i) => `load-${i}`);

    const created = await Promise.all(
      names.map((name) =>
        recording(client.createCustomer({ expressCustomerName: name, metadata: { n: name } })),
      ),
    );

    await emulator.admin.clearFaults();
    const all = await emulator.allCustomers();
    expect(all).toHaveLength(50);
    expect(all.map((c) => c.expressCustomerName).sort()).toEqual([...names].sort());
    const createdIds = new Set(created.map((c) => c.expressCustomerId));
    expect(createdIds).toEqual(new Set(all.map((c) => c.expressCustomerId)));
    expect(created.map((c) => c.expressCustomerName)).toEqual(names);
    const posts = (await emulator.admin.stats()).requests["POST /v1/express"];
    expect(posts.dropped).toBeGreaterThan(0);
    expect(posts["500"]).toBeGreaterThan(0);
  });

  it("leaves exactly 100 customers after 100 creates whose first answer is lost", async () => {
    await emulator.admin.setFaults({
      rules: [{ fault: "drop-after", route: "POST /v1/express", next: 100 }],
    });
    const names = Array.from({ length: 100 }, (_, i) => `lost-${i}`);

    const created = await Promise.all(
      names.map((name) => recording(client.createCustomer({ expressCustomerName: name }))),
    );

    const stats = await emulator.admin.stats();
    const all = await emulator.allCustomers();
    expect(all).toHaveLength(100);
    expect(stats.createsReceived).toBe(100);
    expect(stats.requests["POST /v1/express"]).toEqual({ dropped: 100 });
    expect(created.map((c) => c.expressCustomerName)).toEqual(names);
    expect(new Set(created.map((c) => c.expressCustomerId)).size).toBe(100);
    expect(capture.lines.filter((line) => line.includes("] adopted cus_"))).toHaveLength(100);
  });
});

describe("secrecy under faults", () => {
  it("keeps the key out of every log line and every error of this file", () => {
    // The lines of every test above, at debug level: request headers included, masked.
    expect(everyLogLine.length).toBeGreaterThan(1000);
    expect(everyLogLine.some((line) => line.includes('"authorization":"***"'))).toBe(true);
    expectNoSecret([...everyLogLine, ...thrown], emulator.apiKey);
  });
});
