import type { Clock } from "../../emulator/src/clock";
import { buildServer, type EmulatorServer } from "../../emulator/src/server";

/** A response from {@link TestServer.call}: status, headers and the parsed JSON body. */
export interface TestResponse {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: any;
}

/** An emulator built in memory and driven with Fastify `inject()` (no socket). */
export interface TestServer extends EmulatorServer {
  apiKey: string;
  apiKeyId: string;
  call(
    method: "GET" | "POST" | "PATCH" | "DELETE" | "PUT",
    url: string,
    options?: {
      body?: unknown;
      rawBody?: string;
      headers?: Record<string, string>;
      /** A key other than the server's own; `null` sends no Authorization header. */
      apiKey?: string | null;
    },
  ): Promise<TestResponse>;
  close(): Promise<void>;
}

/** A clock that moves `stepMs` forward on every reading, so each write gets a later timestamp. */
export function steppingClock(startIso = "2026-01-01T00:00:00.000Z", stepMs = 1000): Clock {
  let next = Date.parse(startIso);

  return () => {
    const now = new Date(next);
    next += stepMs;
    return now;
  };
}

/** Builds an in-memory emulator with one key in clinic `clinic-a`. */
export async function buildTestServer(
  options: { uniqueNames?: boolean; clock?: Clock } = {},
): Promise<TestServer> {
  const server = buildServer({
    db: ":memory:",
    adminToken: "test-admin-token",
    defaultClinic: "clinic-a",
    uniqueNames: options.uniqueNames ?? false,
    faults: {},
    clock: options.clock,
  });
  const { apiKey, apiKeyId } = server.context.store.keys.create("clinic-a");

  await server.app.ready();

  return {
    ...server,
    apiKey,
    apiKeyId,
    async call(method, url, callOptions = {}) {
      const key = callOptions.apiKey === undefined ? apiKey : callOptions.apiKey;
      const headers: Record<string, string> = { ...callOptions.headers };

      if (key !== null) headers.authorization = `Bearer ${key}`;

      if (callOptions.body !== undefined) headers["content-type"] ??= "application/json";

      const response = await server.app.inject({
        method,
        url,
        headers,
        payload:
          callOptions.rawBody ??
          (callOptions.body === undefined ? undefined : JSON.stringify(callOptions.body)),
      });

      return { status: response.statusCode, headers: response.headers, body: response.json() };
    },
    close: () => server.app.close(),
  };
}

/** Creates a customer through the API and returns its wire object. */
export async function createCustomer(
  server: TestServer,
  body: Record<string, unknown> = { expressCustomerName: "Clinic One" },
  apiKey?: string,
): Promise<any> {
  const response = await server.call("POST", "/v1/express", { body, apiKey });

  if (response.status !== 200) throw new Error(`create failed: ${JSON.stringify(response.body)}`);

  return response.body;
}
