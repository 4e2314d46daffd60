import { connect } from "node:net";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { clientErrorOf } from "../../emulator/src/client-errors";
import { type RunningEmulator, startEmulator } from "../../emulator/src/start-emulator";

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator();
});

afterAll(async () => {
  await emulator.close();
});

/** A raw HTTP answer: the status line, the header block and the body, as sent. */
interface RawAnswer {
  statusLine: string;
  head: string;
  body: string;
}

/**
 * Writes `request` byte for byte to the emulator and reads until the server closes the
 * connection: fetch and undici refuse to send most of the malformed requests below.
 */
function sendRaw(request: string, timeoutMs = 5000): Promise<RawAnswer> {
  const { hostname, port } = new URL(emulator.url);

  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer within ${timeoutMs} ms`));
    }, timeoutMs);

    socket.on("data", (chunk: Buffer) => chunks.push(chunk));
    socket.on("error", () => undefined);
    socket.on("close", () => {
      clearTimeout(timer);
      const text = Buffer.concat(chunks).toString("utf8");
      const [head = "", ...rest] = text.split("\r\n\r\n");

      resolve({ statusLine: head.split("\r\n")[0] ?? "", head, body: rest.join("\r\n\r\n") });
    });
    socket.write(request);
  });
}

function authorized(lines: string[]): string {
  return [...lines, `Authorization: Bearer ${emulator.apiKey}`, "", ""].join("\r\n");
}

describe("requests Node cannot parse", () => {
  it.each([
    [
      "a bad chunk size",
      [
        "POST /v1/express HTTP/1.1",
        "Host: localhost",
        "Content-Type: application/json",
        "Transfer-Encoding: chunked",
      ],
      "ZZZ\r\nabc\r\n0\r\n\r\n",
    ],
    [
      "a control character in a header",
      ["GET /v1/express HTTP/1.1", "Host: localhost", "X-Bad: a\u0001b"],
      "",
    ],
    ["a bare request line", ["HELLO"], ""],
    [
      "Content-Length together with Transfer-Encoding",
      [
        "POST /v1/express HTTP/1.1",
        "Host: localhost",
        "Content-Type: application/json",
        "Content-Length: 5",
        "Transfer-Encoding: chunked",
      ],
      "0\r\n\r\n",
    ],
  ])("answers %s with 400 bad_request in the D8 shape", async (_, lines, body) => {
    const answer = await sendRaw(authorized(lines) + body);

    expect(answer.statusLine).toBe("HTTP/1.1 400 Bad Request");
    expect(answer.head.toLowerCase()).toContain("content-type: application/json");
    expect(JSON.parse(answer.body)).toEqual({ message: expect.any(String), code: "bad_request" });
  });

  it("answers a 20 KB header with 431 headers_too_large in the D8 shape", async () => {
    const request = authorized([
      "GET /v1/express HTTP/1.1",
      "Host: localhost",
      `X-Big: ${"a".repeat(20_000)}`,
    ]);

    const answer = await sendRaw(request);

    expect(answer.statusLine).toBe("HTTP/1.1 431 Request Header Fields Too Large");
    const body = JSON.parse(answer.body);
    expect(body).toEqual({ message: expect.any(String), code: "headers_too_large" });
    expect(body.message).toContain("Send fewer or smaller headers");
  });

  it("answers an Expect header other than 100-continue with 417 in the D8 shape", async () => {
    const request = authorized([
      "POST /v1/express HTTP/1.1",
      "Host: localhost",
      "Expect: teapot",
      "Content-Length: 0",
      "Connection: close",
    ]);

    const answer = await sendRaw(request);

    expect(answer.statusLine).toBe("HTTP/1.1 417 Expectation Failed");
    expect(JSON.parse(answer.body)).toEqual({
      message: expect.any(String),
      code: "expectation_failed",
    });
  });

  it("keeps serving well-formed requests after a malformed one", async () => {
    await sendRaw("HELLO\r\n\r\n");

    const answer = await sendRaw(
      authorized(["GET /v1/express HTTP/1.1", "Host: localhost", "Connection: close"]),
    );

    expect(answer.statusLine).toBe("HTTP/1.1 200 OK");
  });
});

describe("clientErrorOf", () => {
  it("maps a request that arrived too slowly to 408 request_timeout", () => {
    const error = clientErrorOf({ code: "ERR_HTTP_REQUEST_TIMEOUT" });

    expect(error.statusCode).toBe(408);
    expect(error.code).toBe("request_timeout");
  });

  it("names the parser's code but nothing the request contained", () => {
    const error = clientErrorOf({ code: "HPE_INVALID_METHOD" });

    expect(error.message).toContain("(HPE_INVALID_METHOD)");
    expect(clientErrorOf({ code: "sk_live_0123" }).message).not.toContain("sk_live_");
  });
});
