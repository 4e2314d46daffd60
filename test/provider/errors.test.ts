import { describe, expect, it, vi } from "vitest";

import {
  AmbiguousCreateError,
  ApiError,
  apiErrorFromResponse,
  AuthenticationError,
  AvaraError,
  ConfigurationError,
  ConflictError,
  ConnectionError,
  NotFoundError,
  PermissionError,
  RateLimitError,
  ServerError,
  TimeoutError,
  UnexpectedResponseError,
  ValidationError,
} from "../../provider/src/errors";
import { registerSecret } from "../../provider/src/redact";

const KEY = "sk_live_0123456789abcdef0123456789abcdef";
const PATH = "/v1/express/cus_0123456789abcdef0123456789abcdef";

describe("apiErrorFromResponse", () => {
  it.each([
    [400, ValidationError, "AVARA_E_VALIDATION"],
    [401, AuthenticationError, "AVARA_E_AUTH"],
    [403, PermissionError, "AVARA_E_PERMISSION"],
    [404, NotFoundError, "AVARA_E_NOT_FOUND"],
    [409, ConflictError, "AVARA_E_CONFLICT"],
    [413, ValidationError, "AVARA_E_VALIDATION"],
    [422, ValidationError, "AVARA_E_VALIDATION"],
    [429, RateLimitError, "AVARA_E_RATE_LIMITED"],
    [500, ServerError, "AVARA_E_SERVER"],
    [502, ServerError, "AVARA_E_SERVER"],
    [503, ServerError, "AVARA_E_SERVER"],
    [405, ApiError, "AVARA_E_UNEXPECTED_RESPONSE"],
    [408, ApiError, "AVARA_E_UNEXPECTED_RESPONSE"],
  ])("maps %i to %o with code %s", (status, errorClass, code) => {
    const error = apiErrorFromResponse({
      status,
      method: "GET",
      path: PATH,
      body: { message: "server text", code: "some_code" },
    });

    expect(error).toBeInstanceOf(errorClass);
    expect(error.constructor).toBe(errorClass);
    expect(error.code).toBe(code);
    expect(error.status).toBe(status);
    expect(error.name).toBe(errorClass.name);
  });

  it("names the status, METHOD /path, the server's message and code, and what to do", () => {
    const error = apiErrorFromResponse({
      status: 401,
      method: "GET",
      path: PATH,
      body: { message: "The API key is not valid.", code: "unauthorized" },
    });

    expect(error.message).toBe(
      `401 from GET ${PATH}: the API key was rejected: "The API key is not valid." ` +
        "[unauthorized]. Check `pulumi config set --secret avara:apiKey …` or AVARA_API_KEY, " +
        "and that the key is not revoked.",
    );
    expect(error.apiCode).toBe("unauthorized");
    expect(error.apiMessage).toBe("The API key is not valid.");
    expect(error.method).toBe("GET");
    expect(error.path).toBe(PATH);
  });

  it("lists the field errors of a validation answer", () => {
    const error = apiErrorFromResponse({
      status: 400,
      method: "POST",
      path: "/v1/express",
      body: {
        message: "Invalid request body",
        code: "validation_failed",
        errors: [
          { path: "metadata", message: "at most 50 pairs" },
          { path: "expressCustomerName", message: "too short" },
          { nonsense: true },
        ],
      },
    });

    expect(ValidationError.isInstance(error)).toBe(true);
    expect((error as ValidationError).fieldErrors).toEqual([
      { path: "metadata", message: "at most 50 pairs" },
      { path: "expressCustomerName", message: "too short" },
    ]);
    expect(error.message).toContain("Fields: metadata: at most 50 pairs; expressCustomerName");
  });

  it("says how many retries were spent and keeps the request ID", () => {
    const error = apiErrorFromResponse({
      status: 503,
      method: "PATCH",
      path: PATH,
      body: undefined,
      retries: 5,
      requestId: "rq-42",
    });

    expect(error.message).toContain(`503 from PATCH ${PATH}: the Avara API failed after 5 retries`);
    expect(error.message).toContain("(no message from the server)");
    expect(error.message).toContain("Request ID: rq-42.");
    expect(error.retries).toBe(5);
  });

  it("quotes a short excerpt of a body that is not JSON", () => {
    const html = `<html><body>${"Bad gateway ".repeat(40)}</body></html>`;
    const error = apiErrorFromResponse({
      status: 502,
      method: "GET",
      path: "/v1/express",
      body: html,
    });

    expect(error.apiMessage).toMatch(/^<html><body>Bad gateway/);
    expect(error.apiMessage?.length).toBeLessThanOrEqual(201);
  });

  it("masks a registered secret that the excerpt's cut would otherwise split", () => {
    const secret = `myproxy-${"Z".repeat(40)}.tail`;
    registerSecret(secret);
    const html = `${"x".repeat(180)}${secret}`;

    const error = apiErrorFromResponse({
      status: 502,
      method: "GET",
      path: "/v1/express",
      body: html,
    });

    expect(error.apiMessage).toContain("***");
    expect(error.apiMessage).not.toContain("myproxy-ZZZZ");
    expect(error.message).not.toContain("myproxy-ZZZZ");
  });

  it("says a 413 request was too large and what to shorten, not to check the base URL", () => {
    const error = apiErrorFromResponse({
      status: 413,
      method: "POST",
      path: "/v1/express",
      body: { message: "Request body is too large.", code: "payload_too_large" },
    });

    expect(error.message).toMatch(/^413 from POST \/v1\/express: the request was too large/);
    expect(error.message).toContain("shorten the name or the metadata");
    expect(error.message).not.toContain("base URL");
  });

  it("masks a key the server echoes in any field it sends, once, in the factory", () => {
    const error = apiErrorFromResponse({
      status: 400,
      method: "GET",
      path: `/v1/express?cursor=${KEY}`,
      requestId: `req-${KEY}`,
      body: {
        message: `bad key ${KEY}`,
        code: `code_${KEY}`,
        errors: [{ path: `p.${KEY}`, message: `m ${KEY}` }],
      },
    }) as ValidationError;

    const fields = [error.apiCode, error.apiMessage, error.requestId, error.path];
    for (const field of [...fields, JSON.stringify(error), error.message]) {
      expect(field).not.toContain(KEY);
    }
    expect(error.fieldErrors).toEqual([{ path: "p.***", message: "m ***" }]);
    expect(error.apiCode).toBe("code_***");
    expect(error.requestId).toBe("req-***");
  });

  it("masks a key that the server echoes back", () => {
    const error = apiErrorFromResponse({
      status: 401,
      method: "GET",
      path: "/v1/express",
      body: { message: `Key ${KEY} is unknown`, errors: [{ path: "auth", message: KEY }] },
    });

    expect(error.message).not.toContain(KEY);
    expect(error.apiMessage).not.toContain(KEY);
    expect(JSON.stringify(error)).not.toContain(KEY);
  });
});

describe("AvaraError.isInstance", () => {
  const notFound = () =>
    apiErrorFromResponse({ status: 404, method: "GET", path: PATH, body: undefined });

  it("recognises the class and its ancestors, not its siblings", () => {
    const error = notFound();

    expect(NotFoundError.isInstance(error)).toBe(true);
    expect(ApiError.isInstance(error)).toBe(true);
    expect(AvaraError.isInstance(error)).toBe(true);
    expect(ConflictError.isInstance(error)).toBe(false);
    expect(TimeoutError.isInstance(error)).toBe(false);
  });

  it.each([null, undefined, "NotFoundError", 404, new Error("404"), { code: "AVARA_E_NOT_FOUND" }])(
    "refuses %o",
    (value) => {
      expect(AvaraError.isInstance(value)).toBe(false);
      expect(NotFoundError.isInstance(value)).toBe(false);
    },
  );

  it("works across two copies of the package", async () => {
    vi.resetModules();
    const otherCopy = await import("../../provider/src/errors.js");
    const foreign = otherCopy.apiErrorFromResponse({
      status: 404,
      method: "GET",
      path: PATH,
      body: undefined,
    });

    expect(otherCopy.NotFoundError).not.toBe(NotFoundError);
    expect(foreign instanceof NotFoundError).toBe(false);
    expect(NotFoundError.isInstance(foreign)).toBe(true);
    expect(AvaraError.isInstance(foreign)).toBe(true);
    expect(ServerError.isInstance(foreign)).toBe(false);
  });
});

describe("the other error classes", () => {
  const request = { method: "POST", path: "/v1/express" };

  it.each([
    [new ConfigurationError("no key"), "AVARA_E_CONFIG"],
    [new ConnectionError(request, "dropped", new Error("ECONNRESET")), "AVARA_E_CONNECTION"],
    [new TimeoutError(request, "slow"), "AVARA_E_TIMEOUT"],
    [
      new UnexpectedResponseError({ ...request, status: 200 }, "bad", []),
      "AVARA_E_UNEXPECTED_RESPONSE",
    ],
    [new AmbiguousCreateError("Clinic", ["cus_1", "cus_2"]), "AVARA_E_AMBIGUOUS_CREATE"],
  ])("%o carries code %s", (error, code) => {
    expect(error.code).toBe(code);
    expect(AvaraError.isInstance(error)).toBe(true);
    expect(ApiError.isInstance(error)).toBe(false);
  });

  it("keeps the transport's error as the cause of a ConnectionError", () => {
    const cause = new Error("socket hang up");
    const error = new ConnectionError(request, "dropped", cause);

    expect(error.cause).toBe(cause);
    expect(error.method).toBe("POST");
    expect(error.path).toBe("/v1/express");
  });

  it("names every candidate and what to do in an AmbiguousCreateError", () => {
    const error = new AmbiguousCreateError("City Radiology", ["cus_a", "cus_b"]);

    expect(error.candidateIds).toEqual(["cus_a", "cus_b"]);
    expect(error.message).toContain("POST /v1/express");
    expect(error.message).toContain('"City Radiology"');
    expect(error.message).toContain("cus_a, cus_b");
    expect(error.message).toContain("Deactivate the extras");
  });

  it("masks a key in any message given to the family", () => {
    const error = new ConfigurationError(`the key ${KEY} is wrong`);

    expect(error.message).toBe("the key *** is wrong");
  });
});
