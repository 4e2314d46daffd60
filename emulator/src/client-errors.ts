import { type IncomingMessage, maxHeaderSize, type ServerResponse, STATUS_CODES } from "node:http";
import type { Socket } from "node:net";

import { ApiError } from "./api-error";

const PARSER_CODE = /^HPE_[A-Z0-9_]+$/;

/**
 * Maps an error of Node's HTTP parser (a request that is not valid HTTP/1.1, headers over the
 * size limit, a request that took too long to arrive) to its D8 error.
 */
export function clientErrorOf(error: { code?: string }): ApiError {
  if (error.code === "HPE_HEADER_OVERFLOW") {
    return new ApiError(
      431,
      "headers_too_large",
      `The request headers are larger than the emulator accepts (${maxHeaderSize} bytes in ` +
        "total). Send fewer or smaller headers.",
    );
  }

  if (error.code === "ERR_HTTP_REQUEST_TIMEOUT") {
    return new ApiError(
      408,
      "request_timeout",
      "The request did not arrive in full in time. Send the whole request (headers and a body " +
        "as long as its Content-Length) without pausing.",
    );
  }

  // Only the parser's fixed code is named: its message and raw packet may quote the request.
  const reason = error.code !== undefined && PARSER_CODE.test(error.code) ? ` (${error.code})` : "";

  return new ApiError(
    400,
    "bad_request",
    `The request is not valid HTTP/1.1${reason}. Check the request line, the header names and ` +
      "values (no control characters), and the body framing (Content-Length or chunked, not both).",
  );
}

// Node sends its own answer only while no response has started on the socket; so do we, since
// writing into the middle of an answer would corrupt it for the client.
function responseStarted(socket: Socket): boolean {
  const inFlight = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage;

  return inFlight?.headersSent === true;
}

/**
 * Fastify's `clientErrorHandler`: answers a request Node could not parse with a D8 body instead
 * of Fastify's default one, then closes the connection, whose framing can no longer be trusted.
 */
export function answerClientError(error: { code?: string }, socket: Socket): void {
  // A reset connection has nobody left to answer.
  if (error.code === "ECONNRESET" || socket.destroyed) return;

  if (socket.writable && !responseStarted(socket)) {
    const apiError = clientErrorOf(error);
    const body = JSON.stringify(apiError.toBody());
    const status = apiError.statusCode;

    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
        "Content-Type: application/json; charset=utf-8\r\n" +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        "Connection: close\r\n\r\n" +
        body,
    );
  }

  socket.destroy();
}

/**
 * Node's `checkExpectation` listener: an `Expect` header other than `100-continue` gets a D8 417
 * instead of Node's empty one.
 */
export function answerFailedExpectation(_request: IncomingMessage, response: ServerResponse): void {
  const body = JSON.stringify(
    new ApiError(
      417,
      "expectation_failed",
      "The emulator supports only `Expect: 100-continue`. Remove the Expect header and retry.",
    ).toBody(),
  );

  response.writeHead(417, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(body),
    connection: "close",
  });
  response.end(body);
}
