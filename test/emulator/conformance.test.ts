// Conformance: drives the emulator over HTTP with a client written from the contract document
// (docs/api-contract.md), checking every endpoint and every decision D1-D16.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

import { type RunningEmulator, startEmulator } from "../../emulator/src/index";
import { ContractClient, type ExpressCustomer } from "./conformance/contract-client";

const CUSTOMER_ID = /^cus_[0-9a-f]{32}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const RFC3339_UTC_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const UNKNOWN_ID = "cus_ffffffffffffffffffffffffffffffff";

let emulator: RunningEmulator;
let client: ContractClient;

beforeAll(async () => {
  emulator = await startEmulator();
  client = new ContractClient(emulator.url, emulator.apiKey);
});

afterEach(async () => {
  await emulator.admin.reset();
});

afterAll(async () => {
  await emulator.close();
});

/** Checks the customer object: types, formats and the D3/D13 omissions. */
function expectCustomerShape(customer: ExpressCustomer): void {
  expect(customer.expressCustomerId).toMatch(CUSTOMER_ID);
  expect(typeof customer.expressCustomerName).toBe("string");
  expect(customer.expressCustomerName.length).toBeGreaterThanOrEqual(1);
  expect(typeof customer.isActive).toBe("boolean");
  expect(Number.isInteger(customer.userCount)).toBe(true);
  expect(customer.userCount).toBeGreaterThanOrEqual(0);
  expect(customer.createdAt).toMatch(RFC3339_UTC_MS);
  expect(customer.updatedAt).toMatch(RFC3339_UTC_MS);
  expect(customer.createdByApiKeyId).toMatch(UUID);
  expect(customer).not.toHaveProperty("createdByUserId");

  if (customer.metadata !== undefined) {
    expect(Object.keys(customer.metadata).length).toBeGreaterThan(0);
    for (const value of Object.values(customer.metadata)) expect(typeof value).toBe("string");
  }

  for (const key of Object.keys(customer)) expect(key).toMatch(/^[a-z][a-zA-Z]*$/);
}

/** Checks the D8 error body. */
function expectErrorBody(body: any, code: string): void {
  expect(typeof body.message).toBe("string");
  expect(body.message.length).toBeGreaterThan(0);
  expect(body.code).toBe(code);
  expect(body.code).toMatch(/^[a-z]+(_[a-z]+)*$/);
}

async function created(
  name = "Conformance",
  metadata?: Record<string, string>,
): Promise<ExpressCustomer> {
  const response = await client.create({ expressCustomerName: name, metadata });
  expect(response.status).toBe(200);
  return response.body;
}

describe("endpoints and the customer object", () => {
  it("creates with 200 and the documented object (D12, D13)", async () => {
    const response = await client.create({
      expressCustomerName: "City Medical",
      metadata: { department: "radiology" },
    });

    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/application\/json/);
    expectCustomerShape(response.body);
    expect(response.body).toMatchObject({
      expressCustomerName: "City Medical",
      isActive: true,
      userCount: 0,
      metadata: { department: "radiology" },
    });
    expect(Date.parse(response.body.createdAt!)).not.toBeNaN();
  });

  it("retrieves, updates, lists, deactivates and reactivates the same object", async () => {
    const customer = await created();
    const id = customer.expressCustomerId;

    const retrieved = await client.retrieve(id);
    const updated = await client.update(id, { expressCustomerName: "Renamed" });
    const listed = await client.list();
    const deactivated = await client.deactivate(id);
    const reactivated = await client.reactivate(id);

    for (const exchange of [retrieved, updated, deactivated, reactivated]) {
      expect(exchange.status).toBe(200);
      expectCustomerShape(exchange.body);
      expect(exchange.body.expressCustomerId).toBe(id);
    }
    expect(retrieved.body).toEqual(customer);
    expect(updated.body.expressCustomerName).toBe("Renamed");
    expect(listed.body.expressCustomers).toEqual([updated.body]);
    expect(deactivated.body.isActive).toBe(false);
    expect(reactivated.body.isActive).toBe(true);
  });

  it("adds and removes users with the standard success response", async () => {
    const { expressCustomerId: id } = await created();
    const [userId] = await emulator.admin.seedUsers({ count: 1 });

    const added = await client.addUser(id, userId!);
    const afterAdd = await client.retrieve(id);
    const removed = await client.removeUser(id, userId!);
    const afterRemove = await client.retrieve(id);

    expect(added.status).toBe(200);
    expect(added.body.success).toBe(true);
    expect(afterAdd.body.userCount).toBe(1);
    expect(removed.status).toBe(200);
    expect(removed.body.success).toBe(true);
    expect(afterRemove.body.userCount).toBe(0);
  });

  it.each([
    ["a hard delete", "DELETE", `/v1/express/${UNKNOWN_ID}`],
    ["a list of a customer's users", "GET", `/v1/express/${UNKNOWN_ID}/users`],
    ["the removed orgs family", "GET", "/v1/orgs"],
  ])("has no %s", async (_, method, path) => {
    const response = await client.request(method, path);

    expect([404, 405]).toContain(response.status);
    const code = response.status === 404 ? "route_not_found" : "method_not_allowed";
    expectErrorBody(response.body, code);
  });
});

describe("pagination and D11", () => {
  it("ends for both the TypeScript and the Java rule, with every customer once", async () => {
    const ids = new Set<string>();
    for (let i = 0; i < 45; i += 1) ids.add((await created(`Paged ${i}`)).expressCustomerId);

    const viaTypeScript = await client.listAllLikeTypeScript(20);
    const viaJava = await client.listAllLikeJava(20);

    for (const listed of [viaTypeScript, viaJava]) {
      expect(listed).toHaveLength(45);
      expect(new Set(listed.map((customer) => customer.expressCustomerId))).toEqual(ids);
    }
  });

  it("sends hasMore true with a cursor on non-final pages and neither on the last", async () => {
    for (let i = 0; i < 3; i += 1) await created(`P${i}`);

    const first = await client.list({ limit: 2 });
    const last = await client.list({ limit: 2, cursor: first.body.cursor! });

    expect(first.body).toMatchObject({ hasMore: true, cursor: expect.any(String) });
    expect(first.body.cursor).not.toBe("");
    expect(last.body.hasMore).toBe(false);
    expect(last.body.expressCustomers).toHaveLength(1);
    expect(last.body).not.toHaveProperty("cursor");
  });

  it("orders by createdAt, then ID (D5)", async () => {
    for (let i = 0; i < 6; i += 1) await created(`O${i}`);

    const listed = (await client.list({ limit: 100 })).body.expressCustomers;
    const sorted = [...listed].sort(
      (a, b) =>
        a.createdAt!.localeCompare(b.createdAt!) ||
        a.expressCustomerId.localeCompare(b.expressCustomerId),
    );

    expect(listed).toEqual(sorted);
  });

  it("defaults limit to 20 and accepts integral floats like 20.0", async () => {
    for (let i = 0; i < 21; i += 1) await created(`L${i}`);

    const byDefault = await client.list();
    const asFloat = await client.list({ limit: "20.0" });

    expect(byDefault.body.expressCustomers).toHaveLength(20);
    expect(asFloat.status).toBe(200);
    expect(asFloat.body.expressCustomers).toHaveLength(20);
  });

  it.each([0, 101, 1.5, "ten"])("answers limit=%s with 400", async (limit) => {
    const response = await client.list({ limit });

    expect(response.status).toBe(400);
    expectErrorBody(response.body, "validation_failed");
  });

  it("answers a cursor it never issued with 400", async () => {
    const response = await client.list({ cursor: "eyJvZmZzZXQiOjIwfQ==" });

    expect(response.status).toBe(400);
    // The contract fixes the status only; any stable snake_case code will do.
    expectErrorBody(response.body, (response.body as any).code);
  });
});

describe("the project's decisions", () => {
  it("D1: allows duplicate names by default", async () => {
    const first = await created("Twin");
    const second = await created("Twin");

    expect(second.expressCustomerId).not.toBe(first.expressCustomerId);
  });

  it("D1: answers a duplicate with 409 name_taken, x-should-retry false, if strict", async () => {
    const strict = await startEmulator({ uniqueNames: true });
    const strictClient = new ContractClient(strict.url, strict.apiKey);

    try {
      await strictClient.create({ expressCustomerName: "Only" });
      const duplicate = await strictClient.create({ expressCustomerName: "Only" });

      expect(duplicate.status).toBe(409);
      expectErrorBody(duplicate.body, "name_taken");
      expect(duplicate.headers.get("x-should-retry")).toBe("false");
    } finally {
      await strict.close();
    }
  });

  it("D2: an object replaces the map, null and {} clear it, absent leaves it", async () => {
    const { expressCustomerId: id } = await created("Meta", { a: "1", b: "2" });

    const replaced = await client.update(id, { metadata: { c: "3" } });
    const untouched = await client.update(id, { expressCustomerName: "Meta 2" });
    const clearedByNull = await client.update(id, { metadata: null });
    await client.update(id, { metadata: { d: "4" } });
    const clearedByEmpty = await client.update(id, { metadata: {} });

    expect(replaced.body.metadata).toEqual({ c: "3" });
    expect(untouched.body.metadata).toEqual({ c: "3" });
    expect(clearedByNull.body).not.toHaveProperty("metadata");
    expect(clearedByEmpty.body).not.toHaveProperty("metadata");
  });

  it("D2: an empty PATCH, as the TS SDK sends it, answers the unchanged object", async () => {
    const customer = await created("Empty patch", { a: "1" });

    const response = await client.update(customer.expressCustomerId);

    expect(response.status).toBe(200);
    expect(response.body).toEqual(customer);
  });

  it("D3: omits an empty metadata map", async () => {
    const customer = await created("No meta", {});

    expect(customer).not.toHaveProperty("metadata");
  });

  it("D4: deactivate and reactivate are idempotent, updatedAt unchanged on repeat", async () => {
    const { expressCustomerId: id } = await created();

    const once = await client.deactivate(id);
    const twice = await client.deactivate(id);
    const back = await client.reactivate(id);
    const backAgain = await client.reactivate(id);

    expect(twice.status).toBe(200);
    expect(twice.body).toEqual(once.body);
    expect(backAgain.status).toBe(200);
    expect(backAgain.body).toEqual(back.body);
  });

  it("D5 and D6: an inactive customer is readable, listed and can be patched", async () => {
    const { expressCustomerId: id } = await created();
    await client.deactivate(id);

    const read = await client.retrieve(id);
    const listed = await client.list();
    const patched = await client.update(id, { expressCustomerName: "Still editable" });

    expect(read.body.isActive).toBe(false);
    const listedIds = listed.body.expressCustomers.map((customer) => customer.expressCustomerId);
    expect(listedIds).toContain(id);
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ isActive: false, expressCustomerName: "Still editable" });
  });

  it("D7: membership rules", async () => {
    const { expressCustomerId: id } = await created();
    const [member, outsider] = await emulator.admin.seedUsers({ count: 2 });

    const first = await client.addUser(id, member!);
    const again = await client.addUser(id, member!);
    const count = (await client.retrieve(id)).body.userCount;
    const notMember = await client.removeUser(id, outsider!);
    const unknownUser = await client.addUser(id, "usr_ffffffffffffffffffffffffffffffff");
    await client.deactivate(id);
    const inactive = await client.addUser(id, outsider!);

    expect([first.status, again.status]).toEqual([200, 200]);
    expect(count).toBe(1);
    expect(notMember.status).toBe(404);
    expectErrorBody(notMember.body, "not_a_member");
    expect(unknownUser.status).toBe(404);
    expectErrorBody(unknownUser.body, "user_not_found");
    expect(inactive.status).toBe(409);
    expectErrorBody(inactive.body, "customer_inactive");
  });

  it("D8: validation errors are 400 with field paths", async () => {
    const response = await client.create({
      expressCustomerName: "",
      metadata: { tier: 3 as unknown as string },
    });

    expect(response.status).toBe(400);
    expectErrorBody(response.body, "validation_failed");
    const errors: { path: string }[] = (response.body as any).errors;
    const paths = errors.map((error) => error.path).sort();
    expect(paths).toEqual(["expressCustomerName", "metadata.tier"]);
  });

  it("D8: malformed JSON and unknown routes get the same body shape", async () => {
    const malformed = await fetch(`${emulator.url}/v1/express`, {
      method: "POST",
      headers: { authorization: `Bearer ${emulator.apiKey}`, "content-type": "application/json" },
      body: "{",
    });
    const unknown = await client.request("GET", "/v1/nothing-here");

    expect(malformed.status).toBe(400);
    expectErrorBody(await malformed.json(), "invalid_json");
    expect(unknown.status).toBe(404);
    expectErrorBody(unknown.body, "route_not_found");
    expect(unknown.body.message).toContain("GET /v1/nothing-here");
  });

  it("D9: a missing or unknown key is 401, and another clinic's customer is 404", async () => {
    const { expressCustomerId: id } = await created();
    const otherClinic = await emulator.admin.createKey("elsewhere");
    const other = new ContractClient(emulator.url, otherClinic.apiKey);

    const anonymous = await new ContractClient(emulator.url, undefined).list();
    const unknownKey = await new ContractClient(emulator.url, `sk_live_${"0".repeat(32)}`).list();
    const foreign = await other.retrieve(id);
    const foreignList = await other.list();

    expect(anonymous.status).toBe(401);
    expectErrorBody(anonymous.body, "unauthorized");
    expect(unknownKey.status).toBe(401);
    expect(foreign.status).toBe(404);
    expectErrorBody(foreign.body, "customer_not_found");
    expect(foreignList.body.expressCustomers).toEqual([]);
  });

  it("D10: a malformed ID is 404 like an unknown one", async () => {
    for (const id of ["not-an-id", "cus_XYZ", UNKNOWN_ID]) {
      const response = await client.retrieve(id);
      expect(response.status).toBe(404);
      expectErrorBody(response.body, "customer_not_found");
    }
  });

  it("D14: the rate limit answers 429 with Retry-After and retry-after-ms", async () => {
    await emulator.admin.setFaults({ rateLimit: { requestsPerSecond: 0.01, burst: 1 } });

    await client.list();
    const limited = await client.list();

    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(Number(limited.headers.get("retry-after-ms"))).toBeGreaterThan(0);
  });

  it.each([
    [429, "rate_limited"],
    [500, "internal_error"],
    [503, "service_unavailable"],
  ] as const)("D15: injects %s %s", async (status, code) => {
    await emulator.admin.setFaults({
      rules: [{ fault: "status", status, next: 1, retryAfterMs: 0 }],
    });

    const response = await client.list();

    expect(response.status).toBe(status);
    expectErrorBody(response.body, code);
  });

  it("D15: a lost answer leaves the customer; a dropped request leaves nothing", async () => {
    await emulator.admin.setFaults({
      rules: [
        { fault: "drop-after", next: 1, route: "POST /v1/express" },
        { fault: "drop-before", next: 1, route: "POST /v1/express" },
      ],
    });

    const failure = (error: unknown) => error;
    const lost = await client.create({ expressCustomerName: "Lost answer" }).catch(failure);
    const dropped = await client.create({ expressCustomerName: "Never arrived" }).catch(failure);
    const listed = (await client.list()).body.expressCustomers;
    const names = listed.map((customer) => customer.expressCustomerName);

    expect(lost).toBeInstanceOf(Error);
    expect(dropped).toBeInstanceOf(Error);
    expect(names).toEqual(["Lost answer"]);
  });

  it("D16: data survives a restart on the same SQLite file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "avara-conformance-"));
    const db = join(dir, "avara.db");

    try {
      const first = await startEmulator({ db });
      const firstClient = new ContractClient(first.url, first.apiKey);
      const saved = await firstClient.create({ expressCustomerName: "Durable" });
      await first.close();

      const second = await startEmulator({ db, apiKeys: [first.apiKey] });
      const secondClient = new ContractClient(second.url, first.apiKey);
      const read = await secondClient.retrieve(saved.body.expressCustomerId);
      await second.close();

      expect(read.status).toBe(200);
      expect(read.body).toEqual(saved.body);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
