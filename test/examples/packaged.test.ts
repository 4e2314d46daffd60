import { execFile, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { copyFile, mkdir, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { promisify } from "node:util";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { repoRoot } from "../support/pulumi-stack";

const run = promisify(execFile);

/**
 * A user's own project outside this repository: examples/minimal with the packed `pulumi-avara`
 * and `avara-emulator` tarballs installed by npm, as the README tells users to do, driven through
 * this repository's scripts/pulumi against the packed emulator.
 */
describe("the packed packages in a user's own project", () => {
  let scratch: string;
  let project: string;
  let env: NodeJS.ProcessEnv;
  const apiKey = `sk_live_${randomBytes(16).toString("hex")}`;

  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), "pulumi-avara-user-"));
    project = join(scratch, "my-avara-tenants");
    const packages = join(scratch, "packages");
    await mkdir(packages);
    await mkdir(join(scratch, "state"));

    const packArgs = ["pack", "-w", "provider", "-w", "emulator", "--pack-destination", packages];
    await run("npm", packArgs, { cwd: repoRoot });
    const tarballs = (await readdir(packages)).map((name) => join(packages, name));

    await mkdir(project);
    for (const file of ["package.json", "tsconfig.json", "Pulumi.yaml", "index.ts"]) {
      await copyFile(join(repoRoot, "examples/minimal", file), join(project, file));
    }
    const installArgs = ["install", "--no-audit", "--no-fund", "@pulumi/pulumi@3.276.0"];
    await run("npm", [...installArgs, ...tarballs], { cwd: project });

    env = {
      ...process.env,
      PULUMI_BACKEND_URL: `file://${join(scratch, "state")}`,
      PULUMI_HOME: join(scratch, "pulumi-home"),
      PULUMI_CONFIG_PASSPHRASE: "test-only-passphrase",
    };
  }, 300_000);

  afterAll(async () => {
    await rm(scratch, { recursive: true, force: true });
  });

  async function startPackedEmulator(): Promise<{ url: string; stop: () => Promise<void> }> {
    // npx runs the emulator as its own child: a process group of their own lets stop() end both.
    const child = spawn("npx", ["avara-emulator", "--port", "0", "--api-key", apiKey], {
      cwd: project,
      env,
      stdio: ["ignore", "pipe", "inherit"],
      detached: true,
    });
    const exited = new Promise((resolve) => child.once("exit", resolve));
    const lines = createInterface({ input: child.stdout });
    const url = await new Promise<string>((resolve, reject) => {
      lines.once("line", (line) => resolve(line.replace("avara-emulator listening on ", "")));
      child.once("exit", (code) => reject(new Error(`the emulator exited with ${code}`)));
    });

    const stop = async () => {
      process.kill(-(child.pid as number), "SIGTERM");
      await exited;
    };

    return { url, stop };
  }

  it("creates its customer through scripts/pulumi and deactivates it on destroy", async () => {
    const emulator = await startPackedEmulator();
    const pulumi = (...args: string[]) =>
      run(join(repoRoot, "scripts/pulumi"), args, { cwd: project, env });

    try {
      await pulumi("stack", "init", "dev");
      await pulumi("config", "set", "avara:baseUrl", emulator.url);
      await pulumi("config", "set", "--secret", "avara:apiKey", apiKey);

      const up = await pulumi("up", "--yes", "--non-interactive");
      expect(up.stdout).toContain("+ 2 created");
      const outputs = JSON.parse((await pulumi("stack", "output", "--json")).stdout);
      expect(outputs.expressCustomerId).toMatch(/^cus_[0-9a-f]{32}$/);

      const customerUrl = `${emulator.url}/v1/express/${outputs.expressCustomerId}`;
      const headers = { authorization: `Bearer ${apiKey}` };
      expect(await (await fetch(customerUrl, { headers })).json()).toMatchObject({
        expressCustomerName: "My First Clinic",
        isActive: true,
      });

      const destroy = await pulumi("destroy", "--yes", "--non-interactive");
      expect(destroy.stdout + destroy.stderr).not.toContain(apiKey);
      expect(await (await fetch(customerUrl, { headers })).json()).toMatchObject({
        isActive: false,
      });
    } finally {
      await emulator.stop();
    }
  });
});
