/**
 * One HTTP attempt over undici: sends the request, reads the whole answer within the attempt's
 * timeout, and reports a failure with whether the request may have reached the server.
 */
import { Agent, request, type Dispatcher } from "undici";

import type { ResponseHeaders } from "./retry-policy";

/** The HTTP methods the Express endpoints use. */
export type HttpMethod = "GET" | "POST" | "PATCH" | "DELETE";

/** One attempt, fully built: URL, headers and an optional JSON body. */
export interface TransportRequest {
  method: HttpMethod;
  url: URL;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
}

/** A complete answer; `body` is the parsed JSON, else the raw text, else undefined when empty. */
export interface TransportResponse {
  status: number;
  headers: ResponseHeaders;
  body: unknown;
}

/** Sends one attempt; rejects with {@link TransportFailure} when no answer arrives. */
export type Transport = (request: TransportRequest) => Promise<TransportResponse>;

/**
 * Why an attempt got no answer: it timed out, the connection failed, or undici refused to build
 * the request at all (`invalid`: a header or URL it cannot carry, so nothing was sent).
 */
export type TransportFailureKind = "timeout" | "connection" | "invalid";

/** No answer: see {@link TransportFailureKind}. `sent` is false only when sure. */
export class TransportFailure extends Error {
  readonly kind: TransportFailureKind;
  readonly sent: boolean;

  constructor(kind: TransportFailureKind, sent: boolean, cause: unknown) {
    super(kind === "timeout" ? "the attempt timed out" : describeCause(cause), { cause });
    this.name = "TransportFailure";
    this.kind = kind;
    this.sent = sent;
  }
}

// Errors raised while connecting: the request never left, so nothing can have been processed.
const BEFORE_SEND_CODES = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "UND_ERR_CONNECT_TIMEOUT",
]);

// undici's own deadlines: the attempt's AbortSignal covers the same time, but whichever fires
// first ends the attempt, and both mean the same thing.
const TIMEOUT_CODES = new Set(["UND_ERR_HEADERS_TIMEOUT", "UND_ERR_BODY_TIMEOUT"]);

// undici checks every header and option before it opens a connection; sending the same request
// again would fail the same way, so such a failure is final.
const INVALID_REQUEST_CODES = new Set(["UND_ERR_INVALID_ARG"]);

function errorCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; current && depth < 4; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && code !== "UND_ERR_ABORTED") return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function describeCause(cause: unknown): string {
  const code = errorCode(cause);
  const message = cause instanceof Error ? cause.message : String(cause);
  return code === undefined ? message : `${code}: ${message}`;
}

function flattenHeaders(raw: Record<string, string | string[] | undefined>): ResponseHeaders {
  const headers: ResponseHeaders = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value !== undefined) headers[name.toLowerCase()] = [value].flat().join(", ");
  }
  return headers;
}

function parseBody(text: string): unknown {
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

let ownAgent: Agent | undefined;

// The client's own connection pool, shared by every client of the process. Never undici's global
// dispatcher: with NODE_USE_ENV_PROXY, Node replaces it with a proxy agent, which would carry the
// key to HTTP_PROXY (in clear for the emulator's http://) and ignore our timeouts.
function clientAgent(): Agent {
  ownAgent ??= new Agent();
  return ownAgent;
}

/**
 * A {@link Transport} over undici, through `dispatcher` (default: the client's own agent, which
 * ignores HTTP_PROXY, HTTPS_PROXY and NODE_USE_ENV_PROXY). No attempt outlives its `timeoutMs`.
 */
export function createUndiciTransport(dispatcher: Dispatcher = clientAgent()): Transport {
  return async (attempt) => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), attempt.timeoutMs);

    try {
      const response = await request(attempt.url, {
        method: attempt.method,
        headers: attempt.headers,
        body: attempt.body,
        signal: controller.signal,
        dispatcher,
        // The same bound at the dispatcher, so a stalled connection ends even where a signal is
        // not looked at.
        headersTimeout: attempt.timeoutMs,
        bodyTimeout: attempt.timeoutMs,
      });
      const text = await response.body.text();
      return {
        status: response.statusCode,
        headers: flattenHeaders(response.headers),
        body: parseBody(text),
      };
    } catch (error) {
      const code = errorCode(error);
      if (controller.signal.aborted || (code !== undefined && TIMEOUT_CODES.has(code))) {
        throw new TransportFailure("timeout", true, error);
      }
      if (code !== undefined && INVALID_REQUEST_CODES.has(code)) {
        throw new TransportFailure("invalid", false, error);
      }
      const sent = code === undefined || !BEFORE_SEND_CODES.has(code);
      throw new TransportFailure("connection", sent, error);
    } finally {
      clearTimeout(timer);
    }
  };
}
