import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

import { EmulatorAdminError } from "../../../emulator/src/admin-client";
import { type RunningEmulator, startEmulator } from "../../../emulator/src/start-emulator";
import { listedIds, send } from "../http";

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator({ clinic: "north", adminToken: "admin-secret" });
});

afterEach(async () => {
  await emulator.admin.reset();
});

afterAll(async () => {
  await emulator.close();
});

describe("admin API", () => {
  it.each([
    ["no token", undefined],
    ["a wrong token", "Bearer not-the-token"],
    ["an API key instead of the admin token", "API_KEY"],
  ])("answers 401 unauthorized for %s", async (_, authorization) => {
    const headers: Record<string, string> = {};

    if (authorization !== undefined) {
      const apiKeyHeader = `Bearer ${emulator.apiKey}`;
      headers.authorization = authorization === "API_KEY" ? apiKeyHeader : authorization;
    }

    const response = await fetch(`${emulator.url}/_emulator/stats`, { headers });

    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ message: expect.any(String), code: "unauthorized" });
  });

  it("returns the admin token it was given", () => {
    expect(emulator.adminToken).toBe("admin-secret");
  });

  it("creates keys in the default clinic or a named one, each with its own UUID", async () => {
    const inDefault = await emulator.admin.createKey();
    const inSouth = await emulator.admin.createKey("south");

    expect(inDefault).toEqual({
      apiKey: expect.stringMatching(/^sk_live_[0-9a-f]{32}$/),
      apiKeyId: expect.any(String),
      clinic: "north",
    });
    expect(inSouth.clinic).toBe("south");
    expect(inSouth.apiKeyId).not.toBe(inDefault.apiKeyId);
    const listed = await send(emulator, "GET", "/v1/express", { apiKey: inSouth.apiKey });
    expect(listed.status).toBe(200);
  });

  it("seeds given and generated users that can then be added", async () => {
    const given = "usr_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";

    const userIds = await emulator.admin.seedUsers({ userIds: [given], count: 2 });
    const customer = await send(emulator, "POST", "/v1/express", {
      body: { expressCustomerName: "A" },
    });
    const usersPath = `/v1/express/${customer.body.expressCustomerId}/users`;
    const added = await send(emulator, "POST", usersPath, { body: { userId: userIds[2] } });

    expect(userIds).toHaveLength(3);
    expect(userIds[0]).toBe(given);
    expect(userIds[1]).toMatch(/^usr_[0-9a-f]{32}$/);
    expect(added.status).toBe(200);
  });

  it("seeds one user when given nothing", async () => {
    expect(await emulator.admin.seedUsers()).toHaveLength(1);
  });

  it("rejects malformed user IDs with 400 and their path", async () => {
    const rejection = emulator.admin.seedUsers({
      userIds: ["usr_1", "usr_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"],
    });

    await expect(rejection).rejects.toBeInstanceOf(EmulatorAdminError);
    await expect(rejection).rejects.toMatchObject({
      status: 400,
      code: "validation_failed",
      message: expect.stringContaining("userIds.0"),
    });
  });

  it("reports customers per clinic, requests per route and status, and creates", async () => {
    const south = await emulator.admin.createKey("south");
    await send(emulator, "POST", "/v1/express", { body: { expressCustomerName: "A" } });
    await send(emulator, "POST", "/v1/express", { body: { expressCustomerName: "B" } });
    await send(emulator, "POST", "/v1/express", {
      body: { expressCustomerName: "C" },
      apiKey: south.apiKey,
    });
    await send(emulator, "POST", "/v1/express", { body: {} });
    await send(emulator, "GET", "/v1/express/cus_0123456789abcdef0123456789abcdef");

    const stats = await emulator.admin.stats();

    expect(stats.customersByClinic).toEqual({ north: 2, south: 1 });
    expect(stats.createsReceived).toBe(3);
    expect(stats.requests["POST /v1/express"]).toEqual({ 200: 3, 400: 1 });
    expect(stats.requests["GET /v1/express/:expressCustomerId"]).toEqual({ 404: 1 });
  });

  it("resets customers, users, counters and faults but keeps keys", async () => {
    const key = await emulator.admin.createKey();
    const [userId] = await emulator.admin.seedUsers();
    await send(emulator, "POST", "/v1/express", { body: { expressCustomerName: "A" } });
    await emulator.admin.setFaults({ latencyMs: 1 });

    await emulator.admin.reset();

    const stats = await emulator.admin.stats();
    expect(stats).toEqual({ customersByClinic: {}, requests: {}, createsReceived: 0 });
    expect(await listedIds(emulator)).toEqual([]);
    expect(await emulator.admin.setFaults({})).toEqual({});
    const customer = await send(emulator, "POST", "/v1/express", {
      body: { expressCustomerName: "B" },
      apiKey: key.apiKey,
    });
    const usersPath = `/v1/express/${customer.body.expressCustomerId}/users`;
    const add = await send(emulator, "POST", usersPath, { body: { userId } });
    expect(customer.status).toBe(200);
    expect(add.body.code).toBe("user_not_found");
  });

  it("returns the active fault spec as it was set", async () => {
    const spec = {
      seed: 3,
      rules: [{ fault: "drop-after" as const, probability: 0.25, route: "POST /v1/express" }],
    };

    expect(await emulator.admin.setFaults(spec)).toEqual(spec);
  });
});

describe("admin token at start", () => {
  const saved = process.env.AVARA_EMULATOR_ADMIN_TOKEN;

  afterEach(() => {
    if (saved === undefined) delete process.env.AVARA_EMULATOR_ADMIN_TOKEN;
    else process.env.AVARA_EMULATOR_ADMIN_TOKEN = saved;
  });

  it.each(["", " ", "two words", "tab\there", "new\nline"])(
    "refuses the adminToken option %j, naming the option",
    async (adminToken) => {
      const start = startEmulator({ adminToken });

      await expect(start).rejects.toThrow(/^adminToken (is empty|contains whitespace)/);
    },
  );

  it("refuses an empty AVARA_EMULATOR_ADMIN_TOKEN, naming the variable", async () => {
    process.env.AVARA_EMULATOR_ADMIN_TOKEN = "";

    const start = startEmulator();

    await expect(start).rejects.toThrow(/^AVARA_EMULATOR_ADMIN_TOKEN is empty/);
  });

  it("takes a usable AVARA_EMULATOR_ADMIN_TOKEN", async () => {
    process.env.AVARA_EMULATOR_ADMIN_TOKEN = "from-the-environment";

    const started = await startEmulator();

    try {
      expect(started.adminToken).toBe("from-the-environment");
      expect(await started.admin.stats()).toMatchObject({ createsReceived: 0 });
    } finally {
      await started.close();
    }
  });
});
