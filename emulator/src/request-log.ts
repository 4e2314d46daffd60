import type { FastifyReply, FastifyRequest } from "fastify";

import { redactSecrets } from "./redact";

/** Receives one line per request: method, path, status (or `dropped`), duration. */
export type RequestLogger = (line: string) => void;

/**
 * Formats the log line of one request, e.g. `POST /v1/express 200 4ms`. The query string is left
 * out and anything key-like in the path is masked; headers are never logged.
 */
export function formatRequestLine(
  request: FastifyRequest,
  reply: FastifyReply,
  outcome: number | "dropped",
): string {
  const path = redactSecrets(request.url.split("?")[0] ?? "");

  return `${request.method} ${path} ${outcome} ${Math.round(reply.elapsedTime)}ms`;
}
