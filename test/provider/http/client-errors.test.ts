import { beforeEach, describe, expect, it } from "vitest";

import {
  ApiError,
  AuthenticationError,
  AvaraError,
  ConflictError,
  ConnectionError,
  NotFoundError,
  PermissionError,
  RateLimitError,
  ServerError,
  TimeoutError,
  UnexpectedResponseError,
  ValidationError,
} from "../../../provider/src/errors";
import type { AvaraClient, AvaraClientOptions } from "../../../provider/src/http/types";
import {
  captureLogger,
  errorText,
  expectNoSecret,
  rejectionOf,
} from "./helpers/capture";
import { startScriptedServer, type ScriptedAnswer } from "./helpers/scripted-server";
import {
  startTestEmulator,
  testClient,
  useTestEmulator,
  type TestEmulator,
} from "./helpers/test-emulator";

const UNKNOWN_ID = "cus_0123456789abcdef0123456789abcdef";
const UNKNOWN_KEY = "sk_live_ffffffffffffffffffffffffffffffff";

let emulator: TestEmulator;
let capture: ReturnType<typeof captureLogger>;

const emulatorInFile = useTestEmulator();

beforeEach(() => {
  emulator = emulatorInFile();
  capture = captureLogger();
});

function clientFor(options: Omit<AvaraClientOptions, "logger"> = {}) {
  return testClient(emulator, capture.logger, options);
}

/** Runs `call`, checks the error's class, code and message, and that no key leaked anywhere. */
async function expectFailure(
  call: Promise<unknown>,
  errorClass: { isInstance(e: unknown): boolean; name: string },
  code: string,
  keys: string[] = [emulator.apiKey],
): Promise<AvaraError> {
  const error = await rejectionOf(call);

  const unexpected = `expected ${errorClass.name}, got ${errorText(error)}`;
  expect(errorClass.isInstance(error), unexpected).toBe(true);
  expect((error as AvaraError).code).toBe(code);
  for (const key of keys) expectNoSecret([errorText(error), capture.text()], key);
  return error as AvaraError;
}

describe("errors from the emulator, over HTTP", () => {
  it("throws AuthenticationError for an unknown key, without the key", async () => {
    const error = await expectFailure(
      clientFor({ apiKey: UNKNOWN_KEY }).listCustomers(),
      AuthenticationError,
      "AVARA_E_AUTH",
      [UNKNOWN_KEY],
    );

    expect(error.message).toMatch(/^401 from GET \/v1\/express: the API key was rejected: "/);
    expect(error.message).toContain("pulumi config set --secret avara:apiKey");
  });

  it("throws NotFoundError for an unknown customer", async () => {
    const error = (await expectFailure(
      clientFor().retrieveCustomer(UNKNOWN_ID),
      NotFoundError,
      "AVARA_E_NOT_FOUND",
    )) as NotFoundError;

    expect(error.status).toBe(404);
    expect(error.message).toContain(`404 from GET /v1/express/${UNKNOWN_ID}`);
    expect(error.apiMessage).not.toBeNull();
  });

  it("throws NotFoundError naming the unknown user", async () => {
    const client = clientFor();
    const { expressCustomerId } = await client.createCustomer({ expressCustomerName: "Members" });
    const error = (await expectFailure(
      client.addUser(expressCustomerId, "usr_0123456789abcdef0123456789abcdef"),
      NotFoundError,
      "AVARA_E_NOT_FOUND",
    )) as NotFoundError;

    expect(error.apiCode).toBe("user_not_found");
  });

  it("throws ConflictError at once for a user added to an inactive customer", async () => {
    const client = clientFor();
    const [userId] = await emulator.admin.seedUsers({ count: 1 });
    const { expressCustomerId } = await client.createCustomer({ expressCustomerName: "Inactive" });
    await client.deactivateCustomer(expressCustomerId);

    const error = (await expectFailure(
      client.addUser(expressCustomerId, userId),
      ConflictError,
      "AVARA_E_CONFLICT",
    )) as ConflictError;

    expect(error.apiCode).toBe("customer_inactive");
    expect(error.retries).toBe(0);
    expect(error.message).toContain(`409 from POST /v1/express/${expressCustomerId}/users`);
  });

  it("throws ConflictError for a taken name when names are unique", async () => {
    const strict = await startTestEmulator({ uniqueNames: true });
    try {
      const client = testClient(strict, capture.logger);
      await client.createCustomer({ expressCustomerName: "Only One" });

      const error = (await expectFailure(
        client.createCustomer({ expressCustomerName: "Only One" }),
        ConflictError,
        "AVARA_E_CONFLICT",
        [strict.apiKey],
      )) as ConflictError;

      expect(error.apiCode).toBe("name_taken");
      const posts = (await strict.admin.stats()).requests["POST /v1/express"];
      expect(posts).toEqual({ "200": 1, "409": 1 });
    } finally {
      await strict.close();
    }
  });

  it("throws ValidationError with field paths for metadata over the limit", async () => {
    const metadata = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, "v"]));
    const error = (await expectFailure(
      clientFor().createCustomer({ expressCustomerName: "Too Much", metadata }),
      ValidationError,
      "AVARA_E_VALIDATION",
    )) as ValidationError;

    expect(error.status).toBe(400);
    expect(error.fieldErrors.map((f) => f.path)).toContain("metadata");
    expect(error.message).toContain("Fields: metadata");
  });

  it("throws RateLimitError when 429s outlast the retries", async () => {
    await emulator.admin.setFaults({
      rules: [{ fault: "status", status: 429, retryAfterMs: 0, route: "GET /v1/express" }],
    });
    const error = (await expectFailure(
      clientFor({ maxRetries: 2 }).listCustomers(),
      RateLimitError,
      "AVARA_E_RATE_LIMITED",
    )) as RateLimitError;

    expect(error.retries).toBe(2);
    expect((await emulator.admin.stats()).requests["GET /v1/express"]).toEqual({ "429": 3 });
  });

  const serverStatuses = [500, 503] as const;
  it.each(serverStatuses)("throws ServerError when %i outlasts the retries", async (status) => {
    await emulator.admin.setFaults({
      rules: [{ fault: "status", status, retryAfterMs: 0, route: "GET /v1/express/:id" }],
    });
    const error = await expectFailure(
      clientFor({ maxRetries: 1 }).retrieveCustomer(UNKNOWN_ID),
      ServerError,
      "AVARA_E_SERVER",
    );

    expect(error.message).toContain(`${status} from GET /v1/express/${UNKNOWN_ID}`);
    expect(error.message).toContain("after 1 retry");
  });

  it("throws ConnectionError when nothing listens at the base URL", async () => {
    const closed = await startScriptedServer([]);
    await closed.close();

    const error = (await expectFailure(
      clientFor({ baseUrl: closed.url, maxRetries: 1 }).listCustomers(),
      ConnectionError,
      "AVARA_E_CONNECTION",
    )) as ConnectionError;

    expect(error.message).toContain("GET /v1/express failed to connect");
    expect(error.message).toContain("ECONNREFUSED");
    expect(error.cause).toBeDefined();
  });

  it("throws ConnectionError when every answer is dropped", async () => {
    await emulator.admin.setFaults({ rules: [{ fault: "drop-before", route: "GET /v1/express" }] });

    const call = clientFor({ maxRetries: 1 }).listCustomers();
    await expectFailure(call, ConnectionError, "AVARA_E_CONNECTION");
  });

  it("throws TimeoutError when the server is slower than timeoutMs", async () => {
    await emulator.admin.setFaults({ latencyMs: 300 });

    const error = await expectFailure(
      clientFor({ timeoutMs: 50, maxRetries: 1 }).listCustomers(),
      TimeoutError,
      "AVARA_E_TIMEOUT",
    );

    expect(error.message).toContain("GET /v1/express got no answer within 50ms after 1 retry");
  });
});

describe("errors the emulator does not produce, from a scripted server over HTTP", () => {
  async function failWith(answers: ScriptedAnswer[], call: (c: AvaraClient) => Promise<unknown>) {
    const server = await startScriptedServer(answers);
    try {
      const error = await rejectionOf(call(clientFor({ baseUrl: server.url, maxRetries: 2 })));
      expectNoSecret([errorText(error), capture.text()], emulator.apiKey);
      return { error, received: server.received };
    } finally {
      await server.close();
    }
  }

  it.each([
    [403, "AVARA_E_PERMISSION", 1, PermissionError],
    [422, "AVARA_E_VALIDATION", 1, ValidationError],
    [405, "AVARA_E_UNEXPECTED_RESPONSE", 1, ApiError],
    [408, "AVARA_E_UNEXPECTED_RESPONSE", 3, ApiError],
    [502, "AVARA_E_SERVER", 3, ServerError],
  ])("maps %i to %s after %i attempts", async (status, code, attempts, errorClass) => {
    const { error, received } = await failWith(
      [{ status, body: { message: `scripted ${status}`, code: "scripted" } }],
      (c) => c.retrieveCustomer(UNKNOWN_ID),
    );

    expect(errorClass.isInstance(error)).toBe(true);
    expect((error as ApiError).code).toBe(code);
    expect((error as ApiError).apiMessage).toBe(`scripted ${status}`);
    expect(received).toHaveLength(attempts);
  });

  it("throws UnexpectedResponseError for a 2xx body that breaks the contract", async () => {
    const { error } = await failWith(
      [{ status: 200, body: { expressCustomerId: 42, isActive: "yes" } }],
      (c) => c.retrieveCustomer(UNKNOWN_ID),
    );

    expect(UnexpectedResponseError.isInstance(error)).toBe(true);
    const unexpected = error as UnexpectedResponseError;
    expect(unexpected.code).toBe("AVARA_E_UNEXPECTED_RESPONSE");
    expect(unexpected.issues.map((i) => i.path[0])).toEqual(["expressCustomerId", "isActive"]);
    expect(unexpected.message).toContain(`200 from GET /v1/express/${UNKNOWN_ID}`);
  });

  it("throws UnexpectedResponseError for a 2xx that is not JSON", async () => {
    const { error } = await failWith([{ status: 200, body: "<html>hello</html>" }], (c) =>
      c.listCustomers(),
    );

    expect(UnexpectedResponseError.isInstance(error)).toBe(true);
  });

  it("stops at once on x-should-retry: false, even for a 500", async () => {
    const { error, received } = await failWith(
      [{ status: 500, headers: { "x-should-retry": "false" }, body: { message: "final" } }],
      (c) => c.listCustomers(),
    );

    expect(ServerError.isInstance(error)).toBe(true);
    expect(received).toHaveLength(1);
  });
});
