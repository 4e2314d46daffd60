import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";

import {
  Agent,
  type Dispatcher,
  getGlobalDispatcher,
  ProxyAgent,
  setGlobalDispatcher,
} from "undici";
import { afterEach, describe, expect, it, onTestFinished } from "vitest";

import { createAvaraClient } from "../../../provider/src/http/client";
import { RequestLimiter } from "../../../provider/src/http/limiter";
import { createUndiciTransport, TransportFailure } from "../../../provider/src/http/transport";
import type { AvaraClient } from "../../../provider/src/http/types";
import { rejectionOf, instantClock } from "./helpers/capture";
import { useScriptedServers } from "./helpers/scripted-server";

const KEY = "sk_live_0123456789abcdef0123456789abcdef";
const ID = "cus_0123456789abcdef0123456789abcdef";
const USER = "usr_0123456789abcdef0123456789abcdef";
const CUSTOMER = { expressCustomerId: ID, expressCustomerName: "A", isActive: true, userCount: 0 };

const scripted = useScriptedServers();

function clientAt(baseUrl: string) {
  return createAvaraClient(
    { baseUrl, apiKey: KEY, logger: { error() {}, warn() {}, info() {}, debug() {} } },
    { clock: instantClock(), limiter: new RequestLimiter() },
  );
}

describe("requests on the wire", () => {
  it("sends the User-Agent pulumi-avara/<package version> (node <version>)", async () => {
    const server = await scripted([{ body: CUSTOMER }]);
    await clientAt(server.url).retrieveCustomer(ID);

    const manifestPath = join(__dirname, "../../../provider/package.json");
    const manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
    expect(server.received[0].headers["user-agent"]).toBe(
      `pulumi-avara/${manifest.version} (node ${process.versions.node})`,
    );
  });

  it("sends the key as a bearer token and asks for JSON", async () => {
    const server = await scripted([{ body: CUSTOMER }]);
    await clientAt(server.url).retrieveCustomer(ID);

    expect(server.received[0]).toMatchObject({
      method: "GET",
      url: `/v1/express/${ID}`,
      headers: { authorization: `Bearer ${KEY}`, accept: "application/json" },
      body: "",
    });
    expect(server.received[0].headers["content-type"]).toBeUndefined();
  });

  it.each([
    ["deactivate", (c: AvaraClient) => c.deactivateCustomer(ID), `/v1/express/${ID}/deactivate`],
    ["reactivate", (c: AvaraClient) => c.reactivateCustomer(ID), `/v1/express/${ID}/reactivate`],
  ])("sends %s as a POST with no body and no content type", async (_name, call, path) => {
    const server = await scripted([{ body: CUSTOMER }]);
    await call(clientAt(server.url));

    expect(server.received[0]).toMatchObject({ method: "POST", url: path, body: "" });
    expect(server.received[0].headers["content-type"]).toBeUndefined();
  });

  it("sends the user ID as a JSON body on DELETE", async () => {
    const server = await scripted([{ body: { success: true } }]);
    await clientAt(server.url).removeUser(ID, USER);

    expect(server.received[0]).toMatchObject({
      method: "DELETE",
      url: `/v1/express/${ID}/users`,
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ userId: USER }),
    });
  });

  it("sends the full PATCH body, with null to clear metadata", async () => {
    const server = await scripted([{ body: CUSTOMER }]);
    await clientAt(server.url).updateCustomer(ID, { expressCustomerName: "B", metadata: null });

    const sent = JSON.parse(server.received[0].body);

    expect(sent).toEqual({ expressCustomerName: "B", metadata: null });
  });

  it("keeps a path prefix of the base URL and sends list parameters as a query", async () => {
    const server = await scripted([{ body: { expressCustomers: [], hasMore: false } }]);
    await clientAt(`${server.url}/proxy/avara/`).listCustomers({ cursor: "abc=", limit: 5 });

    expect(server.received[0].url).toBe("/proxy/avara/v1/express?cursor=abc%3D&limit=5");
  });
});

describe("createUndiciTransport", () => {
  const attempt = (url: string, timeoutMs = 1000) => ({
    method: "GET" as const,
    url: new URL("/v1/express", url),
    headers: {},
    timeoutMs,
  });

  const failureOf = async (request: ReturnType<typeof attempt>) =>
    (await rejectionOf(createUndiciTransport()(request))) as TransportFailure;

  it("reads JSON, text and empty bodies", async () => {
    const transport = createUndiciTransport();
    const server = await scripted([
      { body: { a: 1 } },
      { body: "plain" },
      { status: 204, body: "" },
    ]);

    expect((await transport(attempt(server.url))).body).toEqual({ a: 1 });
    expect((await transport(attempt(server.url))).body).toBe("plain");
    expect(await transport(attempt(server.url))).toMatchObject({ status: 204, body: undefined });
  });

  it("reports a refused connection as not sent", async () => {
    const server = await scripted([]);
    await server.close();

    const failure = await failureOf(attempt(server.url));

    expect(failure).toBeInstanceOf(TransportFailure);
    expect(failure).toMatchObject({ kind: "connection", sent: false });
  });

  it("reports a connection dropped after the request as maybe sent", async () => {
    const server = await scripted([{ drop: true }]);

    const failure = await failureOf(attempt(server.url));

    expect(failure).toMatchObject({ kind: "connection", sent: true });
  });

  it("reports a request undici refuses to build (a line break in a header) as final", async () => {
    const server = await scripted([{ body: {} }]);
    const request = { ...attempt(server.url), headers: { authorization: "Bearer a\r\nX-Evil: 1" } };

    const failure = await failureOf(request);

    expect(failure).toMatchObject({ kind: "invalid", sent: false });
    expect(server.received).toEqual([]);
  });

  it("bounds each attempt at the dispatcher too: headers and body within timeoutMs", async () => {
    const dispatched: Dispatcher.DispatchOptions[] = [];
    const recording = new Agent().compose((dispatch) => (options, handler) => {
      dispatched.push(options);
      return dispatch(options, handler);
    });
    const server = await scripted([{ body: {} }]);

    await createUndiciTransport(recording)(attempt(server.url, 1234));

    expect(dispatched).toHaveLength(1);
    expect(dispatched[0]).toMatchObject({ headersTimeout: 1234, bodyTimeout: 1234 });
  });

  it("reports an attempt slower than its timeout as a timeout", async () => {
    const server = await scripted([{ delayMs: 500, body: {} }]);

    const failure = await failureOf(attempt(server.url, 30));

    expect(failure).toMatchObject({ kind: "timeout", sent: true });
  });
});

describe("the client's own connection pool", () => {
  const original = getGlobalDispatcher();

  afterEach(() => {
    setGlobalDispatcher(original);
  });

  /** A loopback proxy that records what reaches it and refuses every tunnel. */
  async function recordingProxy() {
    const seen: string[] = [];
    const proxy = createServer((request, response) => {
      seen.push(`${request.method} ${request.url}`);
      response.writeHead(502).end();
    });
    proxy.on("connect", (request, socket) => {
      seen.push(`CONNECT ${request.url}`);
      socket.end("HTTP/1.1 403 Forbidden\r\n\r\n");
    });
    await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
    const { port } = proxy.address() as AddressInfo;
    onTestFinished(() => new Promise<void>((resolve) => proxy.close(() => resolve())));
    return { url: `http://127.0.0.1:${port}`, seen };
  }

  // NODE_USE_ENV_PROXY=1 makes Node install its own proxy agent as undici's global dispatcher,
  // which would carry the key to HTTP_PROXY in clear; a proxy agent set here stands in for it.
  it("ignores the global dispatcher, so an env proxy never sees the key", async () => {
    const proxy = await recordingProxy();
    setGlobalDispatcher(new ProxyAgent(proxy.url));
    const server = await scripted([{ body: CUSTOMER }]);

    const customer = await clientAt(server.url).retrieveCustomer(ID);

    expect(customer.expressCustomerId).toBe(ID);
    expect(proxy.seen).toEqual([]);
    expect(server.received).toHaveLength(1);
  });
});
