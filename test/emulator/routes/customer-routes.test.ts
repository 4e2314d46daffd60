import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { buildTestServer, createCustomer, steppingClock, type TestServer } from "../helpers";

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let server: TestServer;

beforeEach(async () => {
  server = await buildTestServer({ clock: steppingClock() });
});

afterEach(async () => {
  await server.close();
});

const UNKNOWN_ID = "cus_0123456789abcdef0123456789abcdef";

/** The path of a customer, or of one of its actions. */
function customerPath(id: string, action = ""): string {
  return `/v1/express/${id}${action}`;
}

/** Creates a customer named `name` with `metadata`. */
function createWithMetadata(metadata: Record<string, string>, name = "A"): Promise<any> {
  return createCustomer(server, { expressCustomerName: name, metadata });
}

function pathsOf(body: { errors?: { path: string }[] }): string[] {
  return (body.errors ?? []).map((error) => error.path).sort();
}

describe("POST /v1/express", () => {
  it("answers 200 with the documented customer object", async () => {
    const response = await server.call("POST", "/v1/express", {
      body: { expressCustomerName: "City Medical", metadata: { region: "northeast" } },
    });

    expect(response.status).toBe(200);
    expect(response.headers["content-type"]).toMatch(/^application\/json/);
    expect(Object.keys(response.body)).toEqual([
      "createdAt",
      "expressCustomerId",
      "expressCustomerName",
      "isActive",
      "updatedAt",
      "userCount",
      "createdByApiKeyId",
      "metadata",
    ]);
    expect(response.body.expressCustomerId).toMatch(/^cus_[0-9a-f]{32}$/);
    expect(response.body.expressCustomerName).toBe("City Medical");
    expect(response.body.isActive).toBe(true);
    expect(response.body.userCount).toBe(0);
    expect(response.body.createdAt).toMatch(TIMESTAMP);
    expect(response.body.updatedAt).toBe(response.body.createdAt);
    expect(response.body.createdByApiKeyId).toMatch(UUID);
    expect(response.body.createdByApiKeyId).toBe(server.apiKeyId);
    expect(response.body.metadata).toEqual({ region: "northeast" });
  });

  it("omits metadata when the map is empty and never sends createdByUserId", async () => {
    const withoutMetadata = await createCustomer(server, { expressCustomerName: "A" });
    const withEmptyMetadata = await createCustomer(server, {
      expressCustomerName: "B",
      metadata: {},
    });

    for (const customer of [withoutMetadata, withEmptyMetadata]) {
      expect(customer).not.toHaveProperty("metadata");
      expect(customer).not.toHaveProperty("createdByUserId");
    }
  });

  it("allows duplicate names by default and keeps names untrimmed", async () => {
    const first = await createCustomer(server, { expressCustomerName: "  Same  " });
    const second = await createCustomer(server, { expressCustomerName: "  Same  " });

    expect(second.expressCustomerId).not.toBe(first.expressCustomerId);
    expect(second.expressCustomerName).toBe("  Same  ");
  });

  it.each([
    ["a missing name", {}, ["expressCustomerName"]],
    ["an empty name", { expressCustomerName: "" }, ["expressCustomerName"]],
    ["a numeric name", { expressCustomerName: 7 }, ["expressCustomerName"]],
    ["a non-string value", { expressCustomerName: "A", metadata: { tier: 1 } }, ["metadata.tier"]],
    ["metadata that is a string", { expressCustomerName: "A", metadata: "x" }, ["metadata"]],
    ["an unknown field", { expressCustomerName: "A", name: "A" }, ["name"]],
    ["a body that is an array", [], ["(body)"]],
    [
      "two bad fields",
      { expressCustomerName: "", metadata: { a: null } },
      ["expressCustomerName", "metadata.a"],
    ],
  ])("answers 400 validation_failed for %s, naming the field paths", async (_, body, paths) => {
    const response = await server.call("POST", "/v1/express", { body });

    expect(response.status).toBe(400);
    expect(response.body.code).toBe("validation_failed");
    expect(typeof response.body.message).toBe("string");
    expect(pathsOf(response.body)).toEqual(paths);
  });

  it("enforces the documented metadata limits at their boundaries", async () => {
    const pairs = (n: number) =>
      Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, "v"]));
    const accepted = [
      { metadata: pairs(50) },
      { metadata: { ["k".repeat(100)]: "v".repeat(1000) } },
    ];
    const rejected = [
      { metadata: pairs(51), path: "metadata" },
      { metadata: { ["k".repeat(101)]: "v" }, path: `metadata.${"k".repeat(101)}` },
      { metadata: { k: "v".repeat(1001) }, path: "metadata.k" },
    ];

    for (const { metadata } of accepted) {
      const body = { expressCustomerName: "A", metadata };
      const response = await server.call("POST", "/v1/express", { body });
      expect(response.status).toBe(200);
    }

    for (const { metadata, path } of rejected) {
      const body = { expressCustomerName: "A", metadata };
      const response = await server.call("POST", "/v1/express", { body });
      expect(response.status).toBe(400);
      expect(pathsOf(response.body)).toEqual([path]);
    }
  });
});

describe("unique-names mode", () => {
  let strict: TestServer;

  beforeEach(async () => {
    strict = await buildTestServer({ uniqueNames: true });
  });

  afterEach(async () => {
    await strict.close();
  });

  it("answers a duplicate create with 409 name_taken and x-should-retry false", async () => {
    await createCustomer(strict, { expressCustomerName: "Taken" });

    const body = { expressCustomerName: "Taken" };
    const response = await strict.call("POST", "/v1/express", { body });

    expect(response.status).toBe(409);
    expect(response.body.code).toBe("name_taken");
    expect(response.headers["x-should-retry"]).toBe("false");
  });

  it("counts deactivated customers and rejects a rename onto a taken name", async () => {
    const taken = await createCustomer(strict, { expressCustomerName: "Taken" });
    const other = await createCustomer(strict, { expressCustomerName: "Other" });
    await strict.call("POST", customerPath(taken.expressCustomerId, "/deactivate"));

    const body = { expressCustomerName: "Taken" };
    const create = await strict.call("POST", "/v1/express", { body });
    const rename = await strict.call("PATCH", customerPath(other.expressCustomerId), {
      body: { expressCustomerName: "Taken" },
    });
    const keepOwnName = await strict.call("PATCH", customerPath(other.expressCustomerId), {
      body: { expressCustomerName: "Other" },
    });

    expect(create.status).toBe(409);
    expect(rename.status).toBe(409);
    expect(rename.body.code).toBe("name_taken");
    expect(keepOwnName.status).toBe(200);
  });
});

describe("GET /v1/express/{id}", () => {
  it("returns the customer exactly as create returned it", async () => {
    const created = await createWithMetadata({ a: "1" });

    const response = await server.call("GET", customerPath(created.expressCustomerId));

    expect(response.status).toBe(200);
    expect(response.body).toEqual(created);
  });

  it.each([
    ["an unknown ID", "cus_0123456789abcdef0123456789abcdef"],
    ["an ID with uppercase hex", "cus_0123456789ABCDEF0123456789ABCDEF"],
    ["an ID that is too short", "cus_123"],
    ["an ID of another kind", "usr_0123456789abcdef0123456789abcdef"],
  ])("answers 404 customer_not_found for %s", async (_, id) => {
    const response = await server.call("GET", `/v1/express/${id}`);

    expect(response.status).toBe(404);
    expect(response.body.code).toBe("customer_not_found");
    expect(response.body.message).toContain(id);
  });

  it("answers 200 with isActive false for a deactivated customer", async () => {
    const created = await createCustomer(server);
    await server.call("POST", customerPath(created.expressCustomerId, "/deactivate"));

    const response = await server.call("GET", customerPath(created.expressCustomerId));

    expect(response.status).toBe(200);
    expect(response.body.isActive).toBe(false);
  });
});

describe("PATCH /v1/express/{id}", () => {
  it("changes the name, moves updatedAt and keeps createdAt", async () => {
    const created = await createWithMetadata({ a: "1" }, "Old");

    const response = await server.call("PATCH", customerPath(created.expressCustomerId), {
      body: { expressCustomerName: "New" },
    });

    expect(response.status).toBe(200);
    expect(response.body.expressCustomerName).toBe("New");
    expect(response.body.metadata).toEqual({ a: "1" });
    expect(response.body.createdAt).toBe(created.createdAt);
    expect(Date.parse(response.body.updatedAt)).toBeGreaterThan(Date.parse(created.updatedAt));
  });

  it("replaces the whole metadata map with a given object", async () => {
    const created = await createWithMetadata({ a: "1", b: "2" });

    const response = await server.call("PATCH", customerPath(created.expressCustomerId), {
      body: { metadata: { b: "3", c: "4" } },
    });

    expect(response.body.metadata).toEqual({ b: "3", c: "4" });
  });

  it.each([
    ["null", null],
    ["an empty object", {}],
  ])("clears metadata given %s", async (_, metadata) => {
    const created = await createWithMetadata({ a: "1" });

    const response = await server.call("PATCH", customerPath(created.expressCustomerId), {
      body: { metadata },
    });

    expect(response.status).toBe(200);
    expect(response.body).not.toHaveProperty("metadata");
  });

  it.each([
    ["an empty object", { body: {} }],
    ["no body at all", {}],
    ["the current values", { body: { expressCustomerName: "A", metadata: { a: "1" } } }],
  ])("changes nothing, updatedAt included, given %s", async (_, options) => {
    const created = await createWithMetadata({ a: "1" });

    const response = await server.call("PATCH", customerPath(created.expressCustomerId), options);

    expect(response.status).toBe(200);
    expect(response.body).toEqual(created);
  });

  it("answers 400 with field paths for invalid fields and changes nothing", async () => {
    const created = await createCustomer(server, { expressCustomerName: "A" });

    const response = await server.call("PATCH", customerPath(created.expressCustomerId), {
      body: { expressCustomerName: "", metadata: { x: 5 } },
    });
    const after = await server.call("GET", customerPath(created.expressCustomerId));

    expect(response.status).toBe(400);
    expect(pathsOf(response.body)).toEqual(["expressCustomerName", "metadata.x"]);
    expect(after.body).toEqual(created);
  });

  it("answers 400 for a JSON null body", async () => {
    const created = await createWithMetadata({ a: "1" });

    const response = await server.call("PATCH", customerPath(created.expressCustomerId), {
      rawBody: "null",
      headers: { "content-type": "application/json" },
    });

    expect(response.status).toBe(400);
    expect(pathsOf(response.body)).toEqual(["(body)"]);
  });

  it("answers 404 for an unknown customer even when the body is invalid", async () => {
    const response = await server.call("PATCH", customerPath(UNKNOWN_ID), {
      body: { expressCustomerName: "" },
    });

    expect(response.status).toBe(404);
    expect(response.body.code).toBe("customer_not_found");
  });

  it("updates a deactivated customer", async () => {
    const created = await createCustomer(server);
    await server.call("POST", customerPath(created.expressCustomerId, "/deactivate"));

    const response = await server.call("PATCH", customerPath(created.expressCustomerId), {
      body: { expressCustomerName: "Renamed" },
    });

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ expressCustomerName: "Renamed", isActive: false });
  });
});

describe("POST /v1/express/{id}/deactivate and /reactivate", () => {
  it("deactivates once, then answers the same object without moving updatedAt", async () => {
    const created = await createCustomer(server);
    const url = customerPath(created.expressCustomerId, "/deactivate");

    const first = await server.call("POST", url);
    const second = await server.call("POST", url);

    expect(first.status).toBe(200);
    expect(first.body.isActive).toBe(false);
    expect(Date.parse(first.body.updatedAt)).toBeGreaterThan(Date.parse(created.updatedAt));
    expect(second.status).toBe(200);
    expect(second.body).toEqual(first.body);
  });

  it("reactivates once, then answers the same object without moving updatedAt", async () => {
    const created = await createCustomer(server);
    const deactivated = await server.call(
      "POST",
      customerPath(created.expressCustomerId, "/deactivate"),
    );
    const url = customerPath(created.expressCustomerId, "/reactivate");

    const first = await server.call("POST", url);
    const second = await server.call("POST", url);

    expect(first.body.isActive).toBe(true);
    const previousUpdate = Date.parse(deactivated.body.updatedAt);
    expect(Date.parse(first.body.updatedAt)).toBeGreaterThan(previousUpdate);
    expect(second.body).toEqual(first.body);
  });

  it("reactivating an active customer changes nothing", async () => {
    const created = await createCustomer(server);

    const url = customerPath(created.expressCustomerId, "/reactivate");

    const response = await server.call("POST", url);

    expect(response.status).toBe(200);
    expect(response.body).toEqual(created);
  });

  it.each(["deactivate", "reactivate"])("answers 404 for an unknown customer on %s", async (a) => {
    const response = await server.call("POST", customerPath(UNKNOWN_ID, `/${a}`));

    expect(response.status).toBe(404);
    expect(response.body.code).toBe("customer_not_found");
  });
});
