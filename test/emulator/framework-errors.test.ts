import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { BODY_LIMIT_BYTES } from "../../emulator/src/framework-errors";
import { buildServer } from "../../emulator/src/server";
import { listen } from "../../emulator/src/start-emulator";
import { buildTestServer, createCustomer, type TestServer } from "./helpers";

let server: TestServer;

beforeEach(async () => {
  server = await buildTestServer();
});

afterEach(async () => {
  await server.close();
});

function expectD8(body: unknown, code: string): void {
  expect(body).toEqual({ message: expect.any(String), code });
  expect((body as { message: string }).message.length).toBeGreaterThan(10);
}

describe("error bodies", () => {
  it("answers an unknown route with 404 route_not_found echoing the method and path", async () => {
    const response = await server.call("GET", "/v1/organizations/abc?limit=5");

    expect(response.status).toBe(404);
    expectD8(response.body, "route_not_found");
    expect(response.body.message).toContain("GET /v1/organizations/abc");
    expect(response.body.message).not.toContain("limit=5");
  });

  it("masks a key typed into an unknown path", async () => {
    const response = await server.call("GET", `/v1/${server.apiKey}`);

    expect(response.status).toBe(404);
    expect(response.body.message).not.toContain(server.apiKey);
    expect(response.body.message).toContain("sk_live_***");
  });

  it("answers a hard delete, which the API lacks, with 405 and the allowed methods", async () => {
    const created = await createCustomer(server);

    const response = await server.call("DELETE", `/v1/express/${created.expressCustomerId}`);

    expect(response.status).toBe(405);
    expectD8(response.body, "method_not_allowed");
    expect(String(response.headers.allow)).toContain("PATCH");
  });

  it.each([
    ["malformed JSON", "application/json", '{"expressCustomerName": ', 400, "invalid_json"],
    [
      "a form body",
      "application/x-www-form-urlencoded",
      "expressCustomerName=A",
      415,
      "unsupported_media_type",
    ],
  ])("answers %s with its D8 error", async (_, contentType, rawBody, status, code) => {
    const response = await server.call("POST", "/v1/express", {
      rawBody,
      headers: { "content-type": contentType },
    });

    expect(response.status).toBe(status);
    expectD8(response.body, code);
  });

  it("answers an oversized body with 413 payload_too_large", async () => {
    const response = await server.call("POST", "/v1/express", {
      body: { expressCustomerName: "x".repeat(BODY_LIMIT_BYTES + 1) },
    });

    expect(response.status).toBe(413);
    expectD8(response.body, "payload_too_large");
  });

  it("answers a bad percent-encoding in the path with 400 invalid_url", async () => {
    const response = await server.app.inject({ method: "GET", url: "/v1/express/%E0%A4%A" });

    expect(response.statusCode).toBe(400);
    expectD8(response.json(), "invalid_url");
  });
});

describe("bodies the SDKs send", () => {
  it("accepts a bodyless POST without Content-Type", async () => {
    const created = await createCustomer(server);

    const response = await server.app.inject({
      method: "POST",
      url: `/v1/express/${created.expressCustomerId}/deactivate`,
      headers: { authorization: `Bearer ${server.apiKey}` },
    });

    expect(response.statusCode).toBe(200);
    expect(response.json().isActive).toBe(false);
  });

  it("accepts a bodyless POST that still says Content-Type: application/json", async () => {
    const created = await createCustomer(server);

    const url = `/v1/express/${created.expressCustomerId}/deactivate`;

    const response = await server.call("POST", url, {
      rawBody: "",
      headers: { "content-type": "application/json" },
    });

    expect(response.status).toBe(200);
  });

  it("accepts JSON with a charset parameter", async () => {
    const response = await server.call("POST", "/v1/express", {
      body: { expressCustomerName: "Charset" },
      headers: { "content-type": "application/json; charset=utf-8" },
    });

    expect(response.status).toBe(200);
  });
});

describe("shutdown", () => {
  it("answers a request arriving while the emulator closes with 503 in the D8 shape", async () => {
    const closing = buildServer({
      db: ":memory:",
      adminToken: "test-admin-token",
      defaultClinic: "clinic-a",
      uniqueNames: false,
      faults: {},
    });
    let answer: { status: number; body: unknown } | undefined;
    // preClose runs once Fastify stopped routing, while the socket still accepts connections.
    closing.app.addHook("preClose", async () => {
      const response = await fetch(`${url}/v1/express`, { headers: { connection: "close" } });
      answer = { status: response.status, body: await response.json() };
    });
    const url = await listen(closing.app, "127.0.0.1", 0);

    await closing.app.close();

    expect(answer).toEqual({
      status: 503,
      body: { message: expect.any(String), code: "service_unavailable" },
    });
  });
});
