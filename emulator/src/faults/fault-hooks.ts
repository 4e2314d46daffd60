import { setTimeout as sleep } from "node:timers/promises";

import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";

import { ApiError } from "../api-error";
import { callerIdentity } from "../auth";
import { isAdminRequest } from "../routes/admin-routes";
import type { KeyStore } from "../store/key-store";
import type { FaultDecision, FaultInjector } from "./fault-injector";

const STATUS_FAULTS = {
  429: {
    code: "rate_limited",
    message: "Too many requests. Wait for the time in the Retry-After header, then retry.",
  },
  500: {
    code: "internal_error",
    message: "The server failed while handling the request. Retry later with backoff.",
  },
  503: {
    code: "service_unavailable",
    message: "The service is temporarily unavailable. Wait for Retry-After, then retry.",
  },
} as const;

/** Called when a request is dropped, so it can still be counted and logged. */
export type DropListener = (request: FastifyRequest, reply: FastifyReply) => void;

const dropAfter = new WeakSet<FastifyRequest>();

/** Tells whether the request's answer is to be lost (it is then counted as dropped). */
export function isDroppedAfter(request: FastifyRequest): boolean {
  return dropAfter.has(request);
}

/** Builds the D8 error of an injected status fault, with the delay hints on 429 and 503. */
export function statusFaultError(status: 429 | 500 | 503, retryAfterMs: number): ApiError {
  const headers: Record<string, string> =
    status === 500
      ? {}
      : {
          "retry-after": String(Math.ceil(retryAfterMs / 1000)),
          "retry-after-ms": String(retryAfterMs),
        };

  const { code, message } = STATUS_FAULTS[status];

  return new ApiError(status, code, message, undefined, headers);
}

function destroy(request: FastifyRequest, reply: FastifyReply, onDrop: DropListener): void {
  onDrop(request, reply);
  request.raw.socket?.destroy();
}

/**
 * Installs fault injection on every request outside `/_emulator/`: the decision is made on
 * arrival (onRequest), before any parsing; a lost answer (drop-after) happens in onSend, after
 * the handler committed its change.
 */
export function installFaultHooks(
  app: FastifyInstance,
  faults: FaultInjector,
  keys: KeyStore,
  onDrop: DropListener,
): void {
  app.addHook("onRequest", async (request, reply) => {
    if (isAdminRequest(request)) return;

    const decision: FaultDecision = faults.decide({
      method: request.method,
      routeTemplate: request.routeOptions.url,
      callerKeyId: callerIdentity(request, keys)?.apiKeyId,
    });

    if (decision.latencyMs > 0) await sleep(decision.latencyMs);

    switch (decision.action.kind) {
      case "status":
        throw statusFaultError(decision.action.status, decision.action.retryAfterMs);
      case "drop-before":
        destroy(request, reply, onDrop);
        reply.hijack();
        return;
      case "drop-after":
        dropAfter.add(request);
        return;
      case "none":
        return;
    }
  });

  app.addHook("onSend", async (request, reply, payload) => {
    if (dropAfter.has(request)) destroy(request, reply, onDrop);

    return payload;
  });
}
