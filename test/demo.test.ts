import { execFileSync, spawnSync } from "node:child_process";
import { chmod, copyFile, mkdir, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { createConnection } from "node:net";
import { tmpdir } from "node:os";
import { delimiter, dirname, join } from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { DEMO_API_KEY, DEMO_PASSPHRASE, DEMO_PORT } from "../scripts/demo-settings.mjs";
import { repoRoot } from "./support/pulumi-stack";

/** A copy of the working tree as a fresh clone has it: tracked and unignored files only. */
async function freshCopy(): Promise<string> {
  const copy = await mkdtemp(join(tmpdir(), "pulumi-avara-clone-"));
  const files = execFileSync("git", ["ls-files", "-co", "--exclude-standard", "-z"], {
    cwd: repoRoot,
    encoding: "utf8",
  })
    .split("\0")
    .filter(Boolean);

  for (const file of files) {
    const source = join(repoRoot, file);
    const info = await stat(source).catch(() => undefined);
    if (!info?.isFile()) {
      continue;
    }
    await mkdir(dirname(join(copy, file)), { recursive: true });
    await copyFile(source, join(copy, file));
    await chmod(join(copy, file), info.mode);
  }

  return copy;
}

/** The environment of a new shell: none of this repository's node_modules on PATH. */
function cleanEnvironment(pulumiHome: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!name.startsWith("npm_") && !name.startsWith("VITEST") && name !== "NODE_OPTIONS") {
      env[name] = value;
    }
  }
  env.PATH = (process.env.PATH ?? "")
    .split(delimiter)
    .filter((entry) => !entry.includes("node_modules"))
    .join(delimiter);
  env.PULUMI_HOME = pulumiHome;
  // A real key in the user's shell must never reach the demo.
  env.AVARA_API_KEY = "sk_live_ffffffffffffffffffffffffffffffff";
  env.AVARA_BASE_URL = "https://api.avarasoftware.com";

  return env;
}

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv) {
  const result = spawnSync(command, args, { cwd, env, encoding: "utf8", timeout: 540_000 });

  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

async function portIsClosed(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(false);
    });
    socket.once("error", () => resolve(true));
  });
}

describe("npm run demo", () => {
  let clone: string;
  let env: NodeJS.ProcessEnv;
  let first: { status: number | null; output: string };
  let second: { status: number | null; output: string };

  beforeAll(async () => {
    clone = await freshCopy();
    env = cleanEnvironment(join(clone, ".pulumi-home-for-test"));

    first = run("npm", ["run", "demo"], clone, env);
    second = run("npm", ["run", "demo"], clone, env);
  }, 600_000);

  afterAll(async () => {
    await rm(clone, { recursive: true, force: true });
  });

  it("shows every tenant's customer on a fresh clone", () => {
    expect(first.status, first.output).toBe(0);
    expect(first.output).toMatch(/Name\s+Express customer ID\s+Active\s+Created/);

    for (const name of [
      "Northside Imaging Center",
      "Lakeview Radiology Group",
      "Harbor Teleradiology",
      "Pinecrest Orthopedics",
    ]) {
      expect(first.output).toMatch(new RegExp(`${name}\\s+cus_[0-9a-f]{32}\\s+yes\\s+\\d{4}-`));
    }
    expect(first.output).toMatch(/Mercy Valley Clinic\s+cus_[0-9a-f]{32}\s+no\s+\d{4}-/);
  });

  it("reports no changes, refresh included, when run again", () => {
    expect(second.status, second.output).toBe(0);
    expect(second.output).toMatch(/Resources:\s+6 unchanged/);
    expect(second.output).not.toMatch(/\b(created|updated|deleted|replaced)\b/);
  });

  it("stops the emulator and never prints a key", async () => {
    expect(await portIsClosed(DEMO_PORT)).toBe(true);
    expect(first.output + second.output).not.toContain(DEMO_API_KEY);
    expect(first.output + second.output).not.toContain("sk_live_ffff");
  });

  it("lets the StackReference example read the demo's customers", () => {
    const example = join(clone, "examples/stack-reference");
    const exampleEnv = { ...env, PULUMI_CONFIG_PASSPHRASE: DEMO_PASSPHRASE };
    const pulumi = join(clone, "scripts/pulumi");

    const select = run(pulumi, ["stack", "select", "dev", "--create"], example, exampleEnv);
    expect(select.status, select.output).toBe(0);

    const up = run(pulumi, ["up", "--stack", "dev", "--yes"], example, exampleEnv);
    expect(up.status, up.output).toBe(0);

    const outputArgs = ["stack", "output", "--json", "--stack", "dev"];
    const outputs = run(pulumi, outputArgs, example, exampleEnv);
    const { studyRoutes, refusedCustomerIds } = JSON.parse(outputs.output);
    const activeIds = [...first.output.matchAll(/(cus_[0-9a-f]{32})\s+yes/g)].map((m) => m[1]);
    const inactiveIds = [...first.output.matchAll(/(cus_[0-9a-f]{32})\s+no/g)].map((m) => m[1]);

    const routedIds = studyRoutes.map((route: { expressCustomerId: string }) => {
      return route.expressCustomerId;
    });
    expect(routedIds.sort()).toEqual(activeIds.sort());
    expect(studyRoutes).toContainEqual({
      match: "studies/northside-imaging/*",
      expressCustomerId: expect.stringMatching(/^cus_/),
    });
    expect(refusedCustomerIds).toEqual(inactiveIds);
  });

  it.each([
    ["avara:baseUrl: https://api.avarasoftware.com"],
    ["avara:baseUrl: https://api.avarasoftware.com # production"],
    ['"avara:baseUrl": "https://api.avarasoftware.com"'],
  ])("refuses a stack whose base URL is not loopback: %s", async (line) => {
    const stackFile = join(clone, "Pulumi.dev.yaml");
    const original = await readFile(stackFile, "utf8");
    await writeFile(stackFile, original.replace(/avara:baseUrl: .*/, line));

    try {
      const refused = run("npm", ["run", "demo"], clone, env);

      expect(refused.status).not.toBe(0);
      expect(refused.output).toContain("https://api.avarasoftware.com, which is not this machine");
      expect(refused.output).not.toContain("listening on");
    } finally {
      await writeFile(stackFile, original);
    }
  });
});
