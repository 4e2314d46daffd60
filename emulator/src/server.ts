import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from "fastify";

import { authenticate } from "./auth";
import { answerClientError, answerFailedExpectation } from "./client-errors";
import { type Clock, systemClock } from "./clock";
import type { EmulatorContext } from "./emulator-context";
import { installFaultHooks, isDroppedAfter } from "./faults/fault-hooks";
import { FaultInjector } from "./faults/fault-injector";
import type { FaultSpec } from "./faults/fault-spec";
import {
  BODY_LIMIT_BYTES,
  installErrorHandling,
  sendApiError,
  toApiError,
} from "./framework-errors";
import { installJsonBodyParsing } from "./json-body";
import { CursorCodec } from "./pagination";
import { formatRequestLine, type RequestLogger } from "./request-log";
import { isAdminRequest, registerAdminRoutes } from "./routes/admin-routes";
import { registerCustomerRoutes } from "./routes/customer-routes";
import { registerMembershipRoutes } from "./routes/membership-routes";
import { RequestStats } from "./stats";
import { EmulatorStore } from "./store/emulator-store";

/** Everything {@link buildServer} needs; the start-up and CLI layers fill in the defaults. */
export interface ServerOptions {
  /** A SQLite file path, or `:memory:`. */
  db: string;
  adminToken: string;
  defaultClinic: string;
  uniqueNames: boolean;
  faults: FaultSpec;
  onRequestLog?: RequestLogger;
  /** @internal Tests pass a fake clock to make timestamp rules observable. */
  clock?: Clock;
}

/** A built (not yet listening) emulator server and the state behind it. */
export interface EmulatorServer {
  app: FastifyInstance;
  context: EmulatorContext;
}

/**
 * Builds the emulator's Fastify server over its SQLite store. Call `app.listen()` for real HTTP,
 * or `app.inject()` in tests that need no socket; `app.close()` also closes the database.
 */
export function buildServer(options: ServerOptions): EmulatorServer {
  const store = new EmulatorStore({
    db: options.db,
    clock: options.clock ?? systemClock,
    uniqueNames: options.uniqueNames,
  });
  const context: EmulatorContext = {
    store,
    stats: new RequestStats(),
    faults: new FaultInjector(options.faults),
    cursors: new CursorCodec(store.cursorSecret),
    adminToken: options.adminToken,
    defaultClinic: options.defaultClinic,
  };
  const app = Fastify({
    logger: false,
    bodyLimit: BODY_LIMIT_BYTES,
    forceCloseConnections: true,
    // Fastify's own bodies for malformed HTTP and for requests arriving while it closes are not
    // D8: the first goes through our handler, the second through installErrorHandling.
    clientErrorHandler: answerClientError,
    return503OnClosing: false,
    routerOptions: { maxParamLength: 2048 },
    frameworkErrors: (error, _request, reply) => {
      sendApiError(reply as FastifyReply, toApiError(error));
    },
  });

  app.server.on("checkExpectation", answerFailedExpectation);

  const record = (request: FastifyRequest, reply: FastifyReply, outcome: number | "dropped") => {
    // Stats describe API traffic only; the admin calls that read them would only add noise.
    if (!isAdminRequest(request)) {
      context.stats.countRequest(request.method, request.routeOptions.url, outcome);
    }

    options.onRequestLog?.(formatRequestLine(request, reply, outcome));
  };

  installErrorHandling(app);
  installJsonBodyParsing(app);
  installFaultHooks(app, context.faults, store.keys, (request, reply) =>
    record(request, reply, "dropped"),
  );

  app.addHook("onResponse", async (request, reply) => {
    if (!isDroppedAfter(request)) record(request, reply, reply.statusCode);
  });

  app.register(async (api) => {
    api.addHook("onRequest", async (request) => authenticate(request, store.keys));
    registerCustomerRoutes(api, context);
    registerMembershipRoutes(api, context);
  });
  registerAdminRoutes(app, context);

  app.addHook("onClose", async () => store.close());

  return { app, context };
}
