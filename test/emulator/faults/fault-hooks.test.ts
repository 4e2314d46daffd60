import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

import { EmulatorAdminError } from "../../../emulator/src/admin-client";
import type { FaultRule } from "../../../emulator/src/faults/fault-spec";
import { type RunningEmulator, startEmulator } from "../../../emulator/src/start-emulator";
import { listedIds, send } from "../http";

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator();
});

afterEach(async () => {
  await emulator.admin.reset();
});

afterAll(async () => {
  await emulator.close();
});

const CREATE = { expressCustomerName: "Faulty" };

/** Sends `count` list requests one after another and returns their statuses. */
async function listStatuses(count: number): Promise<number[]> {
  const statuses: number[] = [];

  for (let i = 0; i < count; i += 1) {
    statuses.push((await send(emulator, "GET", "/v1/express")).status);
  }

  return statuses;
}

/** Activates the single rule `rule`. */
function setRule(rule: FaultRule) {
  return emulator.admin.setFaults({ rules: [rule] });
}

describe("status faults", () => {
  it("answers 503 for the next N requests with both delay hints, then recovers", async () => {
    await setRule({ fault: "status", status: 503, next: 2, retryAfterMs: 1500 });

    const first = await send(emulator, "GET", "/v1/express");
    const rest = await listStatuses(2);

    expect([first.status, ...rest]).toEqual([503, 503, 200]);
    expect(first.body).toEqual({ message: expect.any(String), code: "service_unavailable" });
    expect(first.headers.get("retry-after")).toBe("2");
    expect(first.headers.get("retry-after-ms")).toBe("1500");
  });

  it("answers 429 rate_limited with a zero delay hint when asked", async () => {
    await setRule({ fault: "status", status: 429, next: 1, retryAfterMs: 0 });

    const response = await send(emulator, "GET", "/v1/express");

    expect(response.status).toBe(429);
    expect(response.body.code).toBe("rate_limited");
    expect(response.headers.get("retry-after")).toBe("0");
    expect(response.headers.get("retry-after-ms")).toBe("0");
  });

  it("answers 500 internal_error without delay hints", async () => {
    await setRule({ fault: "status", status: 500, next: 1 });

    const response = await send(emulator, "GET", "/v1/express");

    expect(response.status).toBe(500);
    expect(response.body.code).toBe("internal_error");
    expect(response.headers.get("retry-after")).toBeNull();
  });

  it("fails a create before processing, so nothing is created", async () => {
    await setRule({ fault: "status", status: 503, next: 1, retryAfterMs: 0 });

    const response = await send(emulator, "POST", "/v1/express", { body: CREATE });

    expect(response.status).toBe(503);
    expect(await listedIds(emulator)).toEqual([]);
    expect((await emulator.admin.stats()).createsReceived).toBe(0);
  });

  it("applies a route-scoped rule only to that route", async () => {
    const created = await send(emulator, "POST", "/v1/express", { body: CREATE });
    await emulator.admin.setFaults({
      rules: [{ fault: "status", status: 500, next: 5, route: "GET /v1/express/:id" }],
    });

    const list = await send(emulator, "GET", "/v1/express");
    const retrieve = await send(emulator, "GET", `/v1/express/${created.body.expressCustomerId}`);

    expect(list.status).toBe(200);
    expect(retrieve.status).toBe(500);
  });

  it("repeats the same sequence for the same seed and probability", async () => {
    const spec = { seed: 7, rules: [{ fault: "status", status: 500, probability: 0.5 } as const] };
    const run = async () => {
      await emulator.admin.setFaults(spec);
      return listStatuses(16);
    };

    const first = await run();
    const second = await run();

    expect(second).toEqual(first);
    expect(first).toContain(500);
    expect(first).toContain(200);
  });
});

describe("latency", () => {
  it("delays every API request by latencyMs", async () => {
    await emulator.admin.setFaults({ latencyMs: 120 });

    const started = performance.now();
    const response = await send(emulator, "GET", "/v1/express");

    expect(response.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(115);
  });
});

describe("dropped connections", () => {
  it("drops the connection before processing: a socket error, and nothing changes", async () => {
    await setRule({ fault: "drop-before", next: 1 });

    const attempt = send(emulator, "POST", "/v1/express", { body: CREATE });

    await expect(attempt).rejects.toThrow(TypeError);
    expect(await listedIds(emulator)).toEqual([]);
    const stats = await emulator.admin.stats();
    expect(stats.createsReceived).toBe(0);
    expect(stats.requests["POST /v1/express"]).toEqual({ dropped: 1 });
  });

  it("loses the answer after processing: the customer exists but no answer arrives", async () => {
    await setRule({ fault: "drop-after", next: 1, route: "POST /v1/express" });

    const error = await send(emulator, "POST", "/v1/express", { body: CREATE }).then(
      () => undefined,
      (caught: unknown) => caught as TypeError & { cause?: { code?: string } },
    );

    expect(error).toBeInstanceOf(TypeError);
    expect(error?.cause?.code).toMatch(/^(UND_ERR_SOCKET|ECONNRESET)$/);
    const list = await send(emulator, "GET", "/v1/express");
    expect(list.body.expressCustomers).toMatchObject([{ expressCustomerName: "Faulty" }]);
    const stats = await emulator.admin.stats();
    expect(stats.createsReceived).toBe(1);
    expect(stats.requests["POST /v1/express"]).toEqual({ dropped: 1 });
  });
});

describe("rate limit", () => {
  it("answers 429 once a key's bucket is empty, per key", async () => {
    await emulator.admin.setFaults({ rateLimit: { requestsPerSecond: 0.01, burst: 2 } });
    const other = await emulator.admin.createKey();

    const statuses = await listStatuses(3);
    const limited = await send(emulator, "GET", "/v1/express");
    const otherKey = await send(emulator, "GET", "/v1/express", { apiKey: other.apiKey });

    expect(statuses).toEqual([200, 200, 429]);
    expect(limited.body.code).toBe("rate_limited");
    // With 0.01 requests per second the next token is up to 100 s away.
    expect(Number(limited.headers.get("retry-after-ms"))).toBeGreaterThan(90_000);
    const retryAfterMs = Number(limited.headers.get("retry-after-ms"));
    expect(limited.headers.get("retry-after")).toBe(String(Math.ceil(retryAfterMs / 1000)));
    expect(otherKey.status).toBe(200);
  });

  it("counts every spelling of the Bearer header against the one key behind it", async () => {
    await emulator.admin.setFaults({ rateLimit: { requestsPerSecond: 0.01, burst: 2 } });
    const key = emulator.apiKey;
    const spellings = [`Bearer ${key}`, `bearer  ${key}`, `BEARER ${key}`];
    const statuses: number[] = [];

    for (const authorization of spellings) {
      const response = await fetch(`${emulator.url}/v1/express`, { headers: { authorization } });
      statuses.push(response.status);
    }

    expect(statuses).toEqual([200, 200, 429]);
  });

  it("leaves requests without a known key to their 401", async () => {
    await emulator.admin.setFaults({ rateLimit: { requestsPerSecond: 0.01, burst: 1 } });
    const unknownKey = "sk_live_0123456789abcdef0123456789abcdef";

    const statuses = [];
    for (let i = 0; i < 3; i += 1) {
      statuses.push((await send(emulator, "GET", "/v1/express", { apiKey: unknownKey })).status);
    }
    const known = await send(emulator, "GET", "/v1/express");

    expect(statuses).toEqual([401, 401, 401]);
    expect(known.status).toBe(200);
  });

  it("advertises the configured retryAfterMs instead of the real wait when given", async () => {
    await emulator.admin.setFaults({
      rateLimit: { requestsPerSecond: 0.01, burst: 1, retryAfterMs: 0 },
    });

    await send(emulator, "GET", "/v1/express");
    const limited = await send(emulator, "GET", "/v1/express");

    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after-ms")).toBe("0");
  });
});

describe("the fault switch", () => {
  it("never applies faults to the admin API", async () => {
    await emulator.admin.setFaults({ latencyMs: 5, rules: [{ fault: "drop-before" }] });

    const stats = await emulator.admin.stats();

    expect(stats.createsReceived).toBe(0);
    await expect(send(emulator, "GET", "/v1/express")).rejects.toThrow(TypeError);
  });

  it("clears every fault with {}", async () => {
    await setRule({ fault: "status", status: 500 });

    const active = await emulator.admin.clearFaults();

    expect(active).toEqual({});
    expect((await send(emulator, "GET", "/v1/express")).status).toBe(200);
  });

  it("rejects an invalid spec with 400 and field paths, keeping the active one", async () => {
    await setRule({ fault: "status", status: 500, next: 1 });

    const rejection = emulator.admin.setFaults({
      rules: [{ fault: "status", status: 418 as 500, next: 0 }],
    });

    await expect(rejection).rejects.toMatchObject({ status: 400, code: "validation_failed" });
    await expect(rejection).rejects.toBeInstanceOf(EmulatorAdminError);
    expect((await send(emulator, "GET", "/v1/express")).status).toBe(500);
  });

  it("rejects a latencyMs past Node's timer range with 400 naming the field", async () => {
    const rejection = emulator.admin.setFaults({ latencyMs: 3_000_000_000 });

    await expect(rejection).rejects.toMatchObject({
      status: 400,
      code: "validation_failed",
      message: expect.stringMatching(/latencyMs.*one hour/),
    });
    expect(await emulator.admin.setFaults({})).toEqual({});
  });

  it("refuses to start with a latencyMs past the timer range, naming the field", async () => {
    const start = startEmulator({ faults: { latencyMs: 3_000_000_000 } });

    await expect(start).rejects.toThrow(/^faults is not a valid fault spec \(latencyMs: .*hour/);
  });

  it("starts with the faults given to startEmulator", async () => {
    const faults = { rules: [{ fault: "status", status: 503, next: 1 } as const] };
    const faulty = await startEmulator({ faults });

    try {
      expect((await send(faulty, "GET", "/v1/express")).status).toBe(503);
      expect((await send(faulty, "GET", "/v1/express")).status).toBe(200);
    } finally {
      await faulty.close();
    }
  });
});
