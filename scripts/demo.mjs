// `npm run demo`: starts the local emulator, runs `pulumi up` on the demo stack (index.ts),
// prints the tenants' customers, and stops the emulator. Running it again reports no changes.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join } from "node:path";

import { demoEmulatorIsRunning, startDemoEmulator } from "./demo-emulator-process.mjs";
import {
  DEMO_API_KEY,
  DEMO_PASSPHRASE,
  DEMO_STACK,
  DEMO_URL,
  demoDir,
  isLoopbackUrl,
  repoRoot,
} from "./demo-settings.mjs";

const pulumi = join(repoRoot, "scripts/pulumi");

// The demo passes the loopback URL and the demo key itself, over whatever the shell exported,
// and refuses a stack file that would point it anywhere else.
const env = {
  ...process.env,
  AVARA_BASE_URL: DEMO_URL,
  AVARA_API_KEY: DEMO_API_KEY,
  PULUMI_CONFIG_PASSPHRASE: DEMO_PASSPHRASE,
};
delete env.PULUMI_CONFIG_PASSPHRASE_FILE;
delete env.PULUMI_BACKEND_URL;

// The CLI reads the setting as the provider will (stack file, project file, any YAML form), so
// no way of writing it slips past. Unset, the provider falls back to the AVARA_BASE_URL above.
function refuseNonLoopbackConfig() {
  const read = spawnSync(pulumi, ["config", "get", "avara:baseUrl", "--stack", DEMO_STACK], {
    cwd: repoRoot,
    env,
    encoding: "utf8",
  });
  const configured = read.status === 0 ? read.stdout.trim() : env.AVARA_BASE_URL;

  if (!isLoopbackUrl(configured)) {
    throw new Error(
      `the demo stack sets avara:baseUrl to ${configured}, which is not this machine. ` +
        `The demo only ever talks to the local emulator: set it back with ` +
        `\`scripts/pulumi config set avara:baseUrl ${DEMO_URL} -s ${DEMO_STACK}\`.`,
    );
  }
}

function runPulumi(args, options = {}) {
  const result = spawnSync(pulumi, args, { cwd: repoRoot, env, stdio: "inherit", ...options });
  if (result.status !== 0) {
    throw new Error(`scripts/pulumi ${args.join(" ")} failed with exit code ${result.status}`);
  }
}

function printCustomers() {
  const outputs = JSON.parse(
    execFileSync(pulumi, ["stack", "output", "--json", "--stack", DEMO_STACK], {
      cwd: repoRoot,
      env,
      encoding: "utf8",
    }),
  );
  const rows = Object.values(outputs.tenantCustomers ?? {}).map((customer) => [
    customer.expressCustomerName,
    customer.expressCustomerId,
    customer.isActive ? "yes" : "no",
    customer.createdAt ?? "",
  ]);
  const header = ["Name", "Express customer ID", "Active", "Created"];
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column].length)),
  );
  const line = (cells) =>
    cells.map((cell, column) => cell.padEnd(widths[column])).join("  ").trimEnd();

  process.stdout.write(`\n${line(header)}\n${line(widths.map((width) => "-".repeat(width)))}\n`);
  for (const row of rows) {
    process.stdout.write(`${line(row)}\n`);
  }
  process.stdout.write("\n");
}

async function main() {
  mkdirSync(join(demoDir, "state"), { recursive: true });
  const quiet = { stdio: ["ignore", "ignore", "inherit"] };
  runPulumi(["stack", "select", DEMO_STACK, "--create"], quiet);
  refuseNonLoopbackConfig();

  // `npm run emulator` may already be serving the walkthrough; then the demo uses it as it is.
  const emulator = (await demoEmulatorIsRunning()) ? undefined : await startDemoEmulator();
  process.stdout.write(`demo: the Avara emulator is listening on ${DEMO_URL}\n`);

  try {
    const up = ["up", "--yes", "--skip-preview", "--refresh", "--non-interactive"];
    runPulumi([...up, "--stack", DEMO_STACK]);
    printCustomers();
  } finally {
    await emulator?.stop();
  }
}

main().catch((error) => {
  process.stderr.write(`demo: ${error.message}\n`);
  process.exitCode = 1;
});
