import { isIP } from "node:net";

import { CliUsageError, parseCliArgs, USAGE } from "./cli-args";
import { newAdminToken } from "./ids";
import { buildServer } from "./server";
import { DEFAULT_CLINIC, listen } from "./start-emulator";

function isLoopback(host: string): boolean {
  return host === "localhost" || host === "::1" || (isIP(host) === 4 && host.startsWith("127."));
}

function print(line: string): void {
  process.stdout.write(`${line}\n`);
}

/**
 * Runs the `avara-emulator` command: parses the flags, opens the database, makes sure a key
 * exists, prints the listening line first, then one line per request until SIGINT or SIGTERM.
 */
export async function main(argv: readonly string[]): Promise<void> {
  const options = parseCliArgs(argv, process.env);

  if (options.help) {
    process.stdout.write(USAGE);
    return;
  }

  const clinic = options.clinic ?? DEFAULT_CLINIC;
  const adminToken = options.adminToken ?? newAdminToken();
  const { app, context } = buildServer({
    db: options.db,
    adminToken,
    defaultClinic: clinic,
    uniqueNames: options.uniqueNames,
    faults: options.faults,
    onRequestLog: print,
  });
  const keys = context.store.keys;

  for (const key of options.apiKeys) keys.ensure(key, clinic);
  const createdKey =
    options.apiKeys.length === 0 && keys.count() === 0 ? keys.create(clinic) : undefined;

  // Handlers go in before the listening line: whoever reads it may signal at once.
  const stop = () => {
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };

  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);

  const url = await listen(app, options.host, options.port);

  print(`avara-emulator listening on ${url}`);

  if (options.adminToken === undefined) print(`admin token: ${adminToken}`);

  // The one time a key is printed: nobody else can know it, and only its digest is stored.
  if (createdKey !== undefined) print(`api key (clinic ${clinic}): ${createdKey.apiKey}`);

  if (!isLoopback(options.host)) {
    process.stderr.write(`warning: listening on ${options.host}, reachable from other machines.\n`);
  }

}

main(process.argv.slice(2)).catch((error: unknown) => {
  const usage = error instanceof CliUsageError;

  process.stderr.write(`avara-emulator: ${(error as Error).message}\n`);
  process.exit(usage ? 2 : 1);
});
