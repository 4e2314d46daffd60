import { parseArgs } from "node:util";

import { chooseAdminToken } from "./admin-token";
import { checkedFaultSpec, type FaultSpec } from "./faults/fault-spec";
import { API_KEY_PATTERN } from "./ids";
import { redactSecrets } from "./redact";
import { IN_MEMORY_DB } from "./store/database";

/** The default port: where the official SDKs' tests expect a local mock. */
export const DEFAULT_PORT = 4010;

/** The command line, parsed and checked. */
export interface CliOptions {
  host: string;
  port: number;
  db: string;
  apiKeys: string[];
  clinic: string | undefined;
  adminToken: string | undefined;
  uniqueNames: boolean;
  faults: FaultSpec;
  help: boolean;
}

/** Thrown for a bad command line; the message says what to fix and never repeats a key. */
export class CliUsageError extends Error {
  override readonly name = "CliUsageError";
}

/** The `--help` text. */
export const USAGE = `Usage: avara-emulator [--host 127.0.0.1] [--port 4010] [--db <file>|:memory:]
                      [--api-key <key>]... [--clinic <name>] [--admin-token <t>]
                      [--unique-names] [--faults <json>]

  --host          interface to listen on (default 127.0.0.1, loopback)
  --port          port; 0 picks a free one (default ${DEFAULT_PORT})
  --db            SQLite file, or :memory: (default :memory:)
  --api-key       accept this key (sk_live_ + 32 hex); created if new; repeatable
  --clinic        clinic of keys created at start (default "default")
  --admin-token   token of the /_emulator admin API, visible ASCII without spaces
                  (default $AVARA_EMULATOR_ADMIN_TOKEN, else generated and printed)
  --unique-names  answer a duplicate customer name with 409 name_taken
  --faults        JSON fault spec, e.g. '{"rules":[{"fault":"status","status":503,"next":2}]}'
`;

function parsePort(raw: string): number {
  const port = Number(raw);

  if (!/^[0-9]+$/.test(raw) || port > 65535) {
    throw new CliUsageError(
      `--port must be an integer from 0 to 65535, got ${JSON.stringify(raw)}.`,
    );
  }

  return port;
}

function parseFaults(raw: string): FaultSpec {
  let json: unknown;

  try {
    json = JSON.parse(raw);
  } catch {
    throw new CliUsageError(
      "--faults is not valid JSON. Quote it for your shell: --faults '{...}'.",
    );
  }

  try {
    return checkedFaultSpec(json, "--faults");
  } catch (error) {
    throw new CliUsageError((error as Error).message);
  }
}

/** Parses the emulator's command line (without `node` and the script path). */
export function parseCliArgs(argv: readonly string[], env: NodeJS.ProcessEnv): CliOptions {
  let values;

  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        host: { type: "string", default: "127.0.0.1" },
        port: { type: "string", default: String(DEFAULT_PORT) },
        db: { type: "string", default: IN_MEMORY_DB },
        "api-key": { type: "string", multiple: true, default: [] },
        clinic: { type: "string" },
        "admin-token": { type: "string" },
        "unique-names": { type: "boolean", default: false },
        faults: { type: "string" },
        help: { type: "boolean", short: "h", default: false },
      },
    }));
  } catch (error) {
    // parseArgs names the offending argument, which could be a misplaced key: mask it.
    const message = redactSecrets((error as Error).message);
    throw new CliUsageError(`${message}. Run avara-emulator --help.`);
  }

  const apiKeys = values["api-key"];

  if (apiKeys.some((key) => !API_KEY_PATTERN.test(key))) {
    throw new CliUsageError("--api-key must be sk_live_ followed by 32 lowercase hex digits.");
  }

  let adminToken: string | undefined;

  try {
    adminToken = chooseAdminToken(values["admin-token"], "--admin-token", env);
  } catch (error) {
    throw new CliUsageError((error as Error).message);
  }

  return {
    host: values.host,
    port: parsePort(values.port),
    db: values.db,
    apiKeys,
    clinic: values.clinic,
    adminToken,
    uniqueNames: values["unique-names"],
    faults: values.faults === undefined ? {} : parseFaults(values.faults),
    help: values.help,
  };
}
