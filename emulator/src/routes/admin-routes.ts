import { timingSafeEqual } from "node:crypto";

import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";

import { ApiError } from "../api-error";
import { bearerToken } from "../auth";
import type { EmulatorContext } from "../emulator-context";
import { faultSpecSchema } from "../faults/fault-spec";
import { sha256Hex, USER_ID_PATTERN } from "../ids";
import { parseOrThrow } from "../validation";

const createKeyBody = z.strictObject({ clinic: z.string().min(1).optional() });

const seedUsersBody = z.strictObject({
  userIds: z
    .array(z.string().regex(USER_ID_PATTERN, { error: "user IDs are usr_ and 32 lowercase hex" }))
    .max(1000)
    .optional(),
  count: z.int().min(0).max(1000).optional(),
});

/** Tells whether a request is for the admin API, which faults and request stats leave out. */
export function isAdminRequest(request: FastifyRequest): boolean {
  return request.url.startsWith("/_emulator/");
}

function sameSecret(given: string | undefined, expected: string): boolean {
  // Comparing digests keeps the comparison constant-time whatever the lengths.
  return (
    given !== undefined &&
    timingSafeEqual(Buffer.from(sha256Hex(given), "hex"), Buffer.from(sha256Hex(expected), "hex"))
  );
}

/**
 * Registers the emulator-only admin API under `/_emulator/`, guarded by the admin token:
 * keys, users, faults, stats and reset. Faults never apply to these routes.
 */
export function registerAdminRoutes(app: FastifyInstance, context: EmulatorContext): void {
  const { store, stats, faults } = context;

  app.register(async (admin) => {
    admin.addHook("onRequest", async (request) => {
      if (!sameSecret(bearerToken(request), context.adminToken)) {
        throw new ApiError(
          401,
          "unauthorized",
          "Missing or wrong admin token. Send `Authorization: Bearer <admin token>` (from " +
            "--admin-token, AVARA_EMULATOR_ADMIN_TOKEN, or the token printed at start).",
        );
      }
    });

    admin.post("/_emulator/keys", async (request) => {
      const body = parseOrThrow(createKeyBody, request.body ?? {}, "request body");

      return store.keys.create(body.clinic ?? context.defaultClinic);
    });

    admin.post("/_emulator/users", async (request) => {
      const body = parseOrThrow(seedUsersBody, request.body ?? {}, "request body");
      const count = body.count ?? (body.userIds === undefined ? 1 : 0);

      return { userIds: store.users.seed(body.userIds ?? [], count) };
    });

    admin.put("/_emulator/faults", async (request) => {
      return faults.replace(parseOrThrow(faultSpecSchema, request.body ?? {}, "fault spec"));
    });

    admin.get("/_emulator/faults", async () => faults.active());

    admin.get("/_emulator/stats", async () => stats.snapshot(store.customers.countByClinic()));

    admin.post("/_emulator/reset", async () => {
      store.reset();
      stats.reset();
      faults.replace({});

      return { success: true };
    });
  });
}
