import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { buildTestServer, createCustomer, steppingClock, type TestServer } from "../helpers";

let server: TestServer;
let customerId: string;
let users: string[];

beforeEach(async () => {
  server = await buildTestServer({ clock: steppingClock() });
  customerId = (await createCustomer(server)).expressCustomerId;
  users = server.context.store.users.seed([], 2);
});

afterEach(async () => {
  await server.close();
});

const SUCCESS = { success: true, message: expect.any(String) };
const UNKNOWN_CUSTOMER = "cus_0123456789abcdef0123456789abcdef";

/** Sends `POST` or `DELETE /v1/express/{id}/users` with `{userId}` (no body when undefined). */
function membership(method: "POST" | "DELETE", userId: string | undefined, id = customerId) {
  const body = userId === undefined ? undefined : { userId };

  return server.call(method, `/v1/express/${id}/users`, { body });
}

describe("POST /v1/express/{id}/users", () => {
  it("adds a member, counts it in userCount and leaves updatedAt alone", async () => {
    const before = await server.call("GET", `/v1/express/${customerId}`);

    const response = await membership("POST", users[0]);
    const after = await server.call("GET", `/v1/express/${customerId}`);

    expect(response.status).toBe(200);
    expect(response.body).toEqual(SUCCESS);
    expect(after.body.userCount).toBe(1);
    expect(after.body.updatedAt).toBe(before.body.updatedAt);
  });

  it("answers 200 for an existing member and counts distinct members", async () => {
    for (const userId of [users[0], users[0], users[1]]) {
      const response = await membership("POST", userId);
      expect(response.status).toBe(200);
    }

    const after = await server.call("GET", `/v1/express/${customerId}`);

    expect(after.body.userCount).toBe(2);
  });

  it("answers 409 customer_inactive on a deactivated customer", async () => {
    await server.call("POST", `/v1/express/${customerId}/deactivate`);

    const response = await membership("POST", users[0]);

    expect(response.status).toBe(409);
    expect(response.body.code).toBe("customer_inactive");
    expect(response.headers["x-should-retry"]).toBe("false");
  });

  it("answers 404 user_not_found for a well-formed unknown user", async () => {
    const response = await server.call("POST", `/v1/express/${customerId}/users`, {
      body: { userId: "usr_0123456789abcdef0123456789abcdef" },
    });

    expect(response.status).toBe(404);
    expect(response.body.code).toBe("user_not_found");
  });

  it("answers 404 customer_not_found for an unknown customer", async () => {
    const response = await membership("POST", users[0], UNKNOWN_CUSTOMER);

    expect(response.status).toBe(404);
    expect(response.body.code).toBe("customer_not_found");
  });

  it.each([
    ["no body", undefined],
    ["a malformed userId", { userId: "bob" }],
    ["an extra field", { userId: "usr_0123456789abcdef0123456789abcdef", role: "admin" }],
  ])("answers 400 validation_failed for %s", async (_, body) => {
    const response = await server.call("POST", `/v1/express/${customerId}/users`, { body });

    expect(response.status).toBe(400);
    expect(response.body.code).toBe("validation_failed");
    expect(response.body.errors.length).toBeGreaterThan(0);
  });
});

describe("DELETE /v1/express/{id}/users", () => {
  it("removes a member sent in the JSON body", async () => {
    await membership("POST", users[0]);

    const response = await membership("DELETE", users[0]);
    const after = await server.call("GET", `/v1/express/${customerId}`);

    expect(response.status).toBe(200);
    expect(response.body).toEqual(SUCCESS);
    expect(after.body.userCount).toBe(0);
  });

  it("answers 404 not_a_member for a known user who is not a member", async () => {
    const response = await membership("DELETE", users[1]);

    expect(response.status).toBe(404);
    expect(response.body.code).toBe("not_a_member");
  });

  it("removes members of a deactivated customer", async () => {
    await membership("POST", users[0]);
    await server.call("POST", `/v1/express/${customerId}/deactivate`);

    const response = await membership("DELETE", users[0]);

    expect(response.status).toBe(200);
  });

  it("answers 400 validation_failed when the body is missing", async () => {
    const response = await membership("DELETE", undefined);

    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([{ path: "(body)", message: expect.any(String) }]);
  });
});
