import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { redact } from "../../provider/src/redact";
import { buildTestServer, createCustomer, type TestServer } from "./helpers";

const USER_ID = "usr_0123456789abcdef0123456789abcdef";

let server: TestServer;

beforeEach(async () => {
  server = await buildTestServer();
});

afterEach(async () => {
  await server.close();
});

describe("authentication", () => {
  it.each([
    ["no Authorization header", null, {}],
    ["an unknown key", "sk_live_0123456789abcdef0123456789abcdef", {}],
    ["a malformed key", "sk_test_123", {}],
    ["a Basic scheme", null, { authorization: "Basic c2tfbGl2ZV8=" }],
  ])("answers 401 unauthorized for %s without echoing the key", async (_, apiKey, headers) => {
    const response = await server.call("GET", "/v1/express", { apiKey, headers });

    expect(response.status).toBe(401);
    expect(response.body.code).toBe("unauthorized");
    expect(JSON.stringify(response.body)).not.toContain("0123456789abcdef");
    expect(JSON.stringify(response.body)).not.toContain(server.apiKey);
  });

  it("words the 401 hint without anything a client's key redaction would rewrite", async () => {
    const response = await server.call("GET", "/v1/express", { apiKey: null });

    expect(response.body.message).toContain("Authorization header, with the scheme Bearer");
    expect(response.body.message).not.toMatch(/sk_live_[A-Za-z0-9_-]*/i);
    expect(redact(response.body.message)).toBe(response.body.message);
  });

  it("checks the key before the body, so a bad key never learns about validation", async () => {
    const response = await server.call("POST", "/v1/express", { apiKey: null, rawBody: "{oops" });

    expect(response.status).toBe(401);
  });

  it("ignores X-Stainless headers and accepts a lowercase bearer scheme", async () => {
    const response = await server.call("GET", "/v1/express", {
      apiKey: null,
      headers: {
        authorization: `bearer ${server.apiKey}`,
        "x-stainless-retry-count": "0",
        "x-stainless-lang": "js",
        "x-stainless-timeout": "60",
      },
    });

    expect(response.status).toBe(200);
  });
});

describe("tenancy", () => {
  it("sets createdByApiKeyId to the UUID of the key that created the customer", async () => {
    const second = server.context.store.keys.create("clinic-a");

    const byFirst = await createCustomer(server);
    const bySecond = await createCustomer(server, { expressCustomerName: "B" }, second.apiKey);

    expect(byFirst.createdByApiKeyId).toBe(server.apiKeyId);
    expect(bySecond.createdByApiKeyId).toBe(second.apiKeyId);
    expect(second.apiKeyId).not.toBe(server.apiKeyId);
  });

  it("lets keys of the same clinic see each other's customers", async () => {
    const sameClinic = server.context.store.keys.create("clinic-a");
    const created = await createCustomer(server);

    const response = await server.call("GET", `/v1/express/${created.expressCustomerId}`, {
      apiKey: sameClinic.apiKey,
    });

    expect(response.status).toBe(200);
  });

  describe("another clinic's key", () => {
    let otherKey: string;
    let customerId: string;

    beforeEach(async () => {
      otherKey = server.context.store.keys.create("clinic-b").apiKey;
      customerId = (await createCustomer(server)).expressCustomerId;
      server.context.store.users.seed([USER_ID], 0);
    });

    it.each([
      ["GET", "", undefined],
      ["PATCH", "", { expressCustomerName: "Stolen" }],
      ["POST", "/deactivate", undefined],
      ["POST", "/reactivate", undefined],
      ["POST", "/users", { userId: USER_ID }],
      ["DELETE", "/users", { userId: USER_ID }],
    ] as const)("answers 404 customer_not_found on %s {id}%s", async (method, suffix, body) => {
      const url = `/v1/express/${customerId}${suffix}`;

      const response = await server.call(method, url, { apiKey: otherKey, body });

      expect(response.status).toBe(404);
      expect(response.body.code).toBe("customer_not_found");
    });

    it("sees none of the first clinic's customers in the list", async () => {
      const own = await createCustomer(server, { expressCustomerName: "Own" }, otherKey);

      const response = await server.call("GET", "/v1/express", { apiKey: otherKey });

      const listed = response.body.expressCustomers.map((c: any) => c.expressCustomerId);
      expect(listed).toEqual([own.expressCustomerId]);
    });

    it("leaves the customer unchanged after its attempts", async () => {
      const before = await server.call("GET", `/v1/express/${customerId}`);

      const rename = { expressCustomerName: "X" };
      await server.call("PATCH", `/v1/express/${customerId}`, { apiKey: otherKey, body: rename });
      await server.call("POST", `/v1/express/${customerId}/deactivate`, { apiKey: otherKey });
      const after = await server.call("GET", `/v1/express/${customerId}`);

      expect(after.body).toEqual(before.body);
    });
  });
});
