import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";

import { ApiError } from "./api-error";

/** The largest request body accepted; 50 metadata pairs of maximal size fit well within it. */
export const BODY_LIMIT_BYTES = 1024 * 1024;

const FRAMEWORK_ERRORS: Record<string, { status: number; code: string; message: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: {
    status: 400,
    code: "invalid_json",
    message:
      "The request body is not valid JSON. Send a JSON object with Content-Type: application/json.",
  },
  FST_ERR_CTP_BODY_TOO_LARGE: {
    status: 413,
    code: "payload_too_large",
    message: `The request body is larger than ${BODY_LIMIT_BYTES} bytes. Send a smaller body.`,
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 415,
    code: "unsupported_media_type",
    message: "The request body must be JSON. Send it with Content-Type: application/json.",
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    status: 400,
    code: "invalid_content_length",
    message: "The Content-Length header does not match the body. Send the body unchanged.",
  },
  FST_ERR_BAD_URL: {
    status: 400,
    code: "invalid_url",
    message: "The request URL is malformed (bad percent-encoding?). Encode path segments properly.",
  },
};

/** Maps any error thrown while handling a request to the one D8 error it is answered with. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;

  const fastifyError = error as Partial<FastifyError>;
  const known = fastifyError.code === undefined ? undefined : FRAMEWORK_ERRORS[fastifyError.code];

  if (known !== undefined) return new ApiError(known.status, known.code, known.message);

  const status = fastifyError.statusCode;

  if (status !== undefined && status >= 400 && status < 500) {
    const message = "The request could not be processed; check it against the API reference.";
    return new ApiError(status, "bad_request", message);
  }

  const message = "The emulator failed unexpectedly. Retry; if it persists, report a bug.";
  return new ApiError(500, "internal_error", message);
}

/** Sends `error` as a D8 body with its headers. */
export function sendApiError(reply: FastifyReply, error: ApiError): FastifyReply {
  return reply.code(error.statusCode).headers(error.headers).send(error.toBody());
}

function pathOf(request: FastifyRequest): string {
  return request.url.split("?")[0] ?? "";
}

/**
 * Replaces Fastify's own error bodies everywhere: thrown errors, unknown routes (404 that echoes
 * what was received, or 405 when only the method is wrong) and requests that arrive while the
 * server closes (503). Build the server with `return503OnClosing: false`; body parsing has its own
 * errors (json-body.ts).
 */
export function installErrorHandling(app: FastifyInstance): void {
  const templates: { method: string; pattern: RegExp }[] = [];
  let closing = false;

  app.addHook("preClose", async () => {
    closing = true;
  });

  // First onRequest hook: a closing server neither runs faults nor touches the database.
  app.addHook("onRequest", async () => {
    if (closing) {
      throw new ApiError(
        503,
        "service_unavailable",
        "The emulator is shutting down. Start it again, then retry.",
      );
    }
  });

  app.addHook("onRoute", (route) => {
    const pattern = new RegExp(`^${route.url.replace(/:[^/]+/g, "[^/]+")}$`);

    for (const method of [route.method].flat()) templates.push({ method, pattern });
  });

  app.setErrorHandler((error, _request, reply) => sendApiError(reply, toApiError(error)));

  app.setNotFoundHandler((request, reply) => {
    const path = pathOf(request);
    const matching = templates.filter((template) => template.pattern.test(path));
    const allowed = [...new Set(matching.map((template) => template.method))];

    if (allowed.length > 0) {
      const error = new ApiError(
        405,
        "method_not_allowed",
        `${request.method} is not supported on ${path}. Use ${allowed.join(" or ")}.`,
        undefined,
        { allow: allowed.join(", ") },
      );
      return sendApiError(reply, error);
    }

    const error = new ApiError(
      404,
      "route_not_found",
      `No route ${request.method} ${path}. The emulator serves the 8 /v1/express endpoints ` +
        "and /_emulator/*; check the method and path.",
    );
    return sendApiError(reply, error);
  });
}
