import type { FastifyInstance } from "fastify";

import { AdminClient } from "./admin-client";
import { chooseAdminToken } from "./admin-token";
import { API_KEY_PATTERN, newAdminToken } from "./ids";
import { checkedFaultSpec, type FaultSpec } from "./faults/fault-spec";
import type { RequestLogger } from "./request-log";
import { buildServer } from "./server";
import { IN_MEMORY_DB } from "./store/database";

/** The clinic of keys created without one. */
export const DEFAULT_CLINIC = "default";

/** Options of {@link startEmulator}; every one has a test-friendly default. */
export interface EmulatorOptions {
  /** Interface to listen on; default `127.0.0.1`. */
  host?: string;
  /** Port; default 0, a free one. */
  port?: number;
  /** SQLite file, or `:memory:` (default). */
  db?: string;
  /** Keys to accept (created in `clinic` if new); the first is returned as `apiKey`. */
  apiKeys?: string[];
  /** Clinic of the keys created at start; default `default`. */
  clinic?: string;
  /**
   * Admin token: visible ASCII without spaces. Default `AVARA_EMULATOR_ADMIN_TOKEN`, else a
   * generated one; an unusable token makes {@link startEmulator} throw.
   */
  adminToken?: string;
  /** Answer duplicate names with 409 `name_taken` (D1). */
  uniqueNames?: boolean;
  /** Faults active from the start; see {@link FaultSpec}. */
  faults?: FaultSpec;
  /** Receives one line per request (never a key). */
  onRequestLog?: RequestLogger;
}

/** A running emulator, as resolved by {@link startEmulator}. */
export interface RunningEmulator {
  /** Base URL, e.g. `http://127.0.0.1:53124`; use it as `AVARA_BASE_URL`. */
  url: string;
  /** A key of the emulator's clinic, for `Authorization: Bearer …` (treat it as a secret). */
  apiKey: string;
  adminToken: string;
  /** Typed client of the admin API. */
  admin: AdminClient;
  /** Stops listening and closes the database. */
  close(): Promise<void>;
}

/** Starts listening and returns the base URL, with the real port when `port` is 0. */
export async function listen(app: FastifyInstance, host: string, port: number): Promise<string> {
  await app.listen({ host, port });
  const address = app.server.address();
  const realPort = typeof address === "object" && address !== null ? address.port : port;

  // IPv6 literals need brackets in a URL.
  return `http://${host.includes(":") ? `[${host}]` : host}:${realPort}`;
}

/**
 * Starts an emulator on real HTTP, by default on a free loopback port with an in-memory database.
 * Without `apiKeys` it creates a fresh key (only digests are stored, so a stored key cannot be
 * returned).
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const host = options.host ?? "127.0.0.1";
  const clinic = options.clinic ?? DEFAULT_CLINIC;
  const adminToken =
    chooseAdminToken(options.adminToken, "adminToken", process.env) ?? newAdminToken();
  const { app, context } = buildServer({
    db: options.db ?? IN_MEMORY_DB,
    adminToken,
    defaultClinic: clinic,
    uniqueNames: options.uniqueNames ?? false,
    faults: checkedFaultSpec(options.faults ?? {}, "faults"),
    onRequestLog: options.onRequestLog,
  });

  try {
    const keys = options.apiKeys ?? [];

    // The message never repeats the key: it may be a real secret with a typo in it.
    if (keys.some((key) => !API_KEY_PATTERN.test(key))) {
      throw new Error(
        "An API key given to the emulator is not sk_live_ followed by 32 lowercase hex digits.",
      );
    }

    for (const key of keys) context.store.keys.ensure(key, clinic);
    const apiKey = keys[0] ?? context.store.keys.create(clinic).apiKey;

    const url = await listen(app, host, options.port ?? 0);

    const admin = new AdminClient(url, adminToken);

    return { url, apiKey, adminToken, admin, close: () => app.close() };
  } catch (error) {
    await app.close();
    throw error;
  }
}
