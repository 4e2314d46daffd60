import { type ChildProcessWithoutNullStreams, execFileSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";

import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

const ROOT = resolve(__dirname, "../..");
const BIN = join(ROOT, "emulator/bin/avara-emulator.js");
const KEY = "sk_live_0123456789abcdef0123456789abcdef";
const TOKEN_ENV = "AVARA_EMULATOR_ADMIN_TOKEN";
const LISTENING = /^avara-emulator listening on (http:\/\/127\.0\.0\.1:(\d+))$/;

/** A spawned CLI with its stdout split into lines as they arrive. */
interface RunningCli {
  child: ChildProcessWithoutNullStreams;
  lines: string[];
  stderr: () => string;
  waitForLine(predicate: (line: string) => boolean, timeoutMs?: number): Promise<string>;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const running: RunningCli[] = [];

function runCli(args: string[], env: NodeJS.ProcessEnv = {}): RunningCli {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    env: { ...process.env, AVARA_EMULATOR_ADMIN_TOKEN: undefined, ...env },
  });
  const lines: string[] = [];
  const waiters = new Set<() => void>();
  let stderr = "";

  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  createInterface({ input: child.stdout }).on("line", (line) => {
    lines.push(line);
    for (const wake of waiters) wake();
  });

  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.on("exit", (code, signal) => done({ code, signal })),
  );
  const cli: RunningCli = {
    child,
    lines,
    stderr: () => stderr,
    exit,
    waitForLine(predicate, timeoutMs = 10_000) {
      return new Promise((found, fail) => {
        const check = () => {
          const line = lines.find(predicate);
          if (line === undefined) return;
          cleanup();
          found(line);
        };
        const timer = setTimeout(() => {
          cleanup();
          const seen = `${lines.join(" | ")} ${stderr}`;
          fail(new Error(`no matching line within ${timeoutMs} ms; got: ${seen}`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
        void exit.then(check);
      });
    },
  };

  running.push(cli);
  return cli;
}

async function startCli(
  args: string[],
  env?: NodeJS.ProcessEnv,
): Promise<RunningCli & { url: string }> {
  const cli = runCli(["--port", "0", ...args], env);
  const first = await cli.waitForLine(() => true);
  const url = LISTENING.exec(first)?.[1];

  if (url === undefined) throw new Error(`unexpected first line: ${first}`);

  return { ...cli, url };
}

/**
 * The exit code of a CLI expected to refuse its start, or "started" when it printed a line
 * first: a start that should have failed then fails the test at once instead of timing out.
 */
function exitCodeOrStarted(cli: RunningCli): Promise<number | null | "started"> {
  return Promise.race([
    cli.exit.then(({ code }) => code),
    cli.waitForLine(() => true).then(() => "started" as const),
  ]);
}

let dir: string;

beforeAll(() => {
  // The bin runs the compiled CLI; build it so the test always checks the current source.
  const tsc = join(ROOT, "node_modules/typescript/bin/tsc");
  execFileSync(process.execPath, [tsc, "-b", "emulator"], { cwd: ROOT });
  dir = mkdtempSync(join(tmpdir(), "avara-emulator-cli-"));
});

afterEach(() => {
  for (const cli of running.splice(0)) if (cli.child.exitCode === null) cli.child.kill("SIGKILL");
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe("avara-emulator CLI", () => {
  it("prints the listening line first, then the admin token and the key it created", async () => {
    const cli = await startCli([]);

    await cli.waitForLine((line) => line.startsWith("api key"));

    expect(cli.lines[0]).toMatch(LISTENING);
    expect(Number(LISTENING.exec(cli.lines[0]!)?.[2])).toBeGreaterThan(0);
    expect(cli.lines[1]).toMatch(/^admin token: \S+$/);
    expect(cli.lines[2]).toMatch(/^api key \(clinic default\): sk_live_[0-9a-f]{32}$/);
  });

  it("creates a customer with the printed key and logs the request without the key", async () => {
    const cli = await startCli([]);
    const keyLine = await cli.waitForLine((line) => line.startsWith("api key"));
    const apiKey = /sk_live_[0-9a-f]{32}/.exec(keyLine)![0];

    const response = await fetch(`${cli.url}/v1/express`, {
      method: "POST",
      headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
      body: JSON.stringify({ expressCustomerName: "From the CLI" }),
    });
    const logLine = await cli.waitForLine((line) => line.startsWith("POST "));

    expect(response.status).toBe(200);
    expect(((await response.json()) as { expressCustomerName: string }).expressCustomerName).toBe(
      "From the CLI",
    );
    expect(logLine).toMatch(/^POST \/v1\/express 200 \d+ms$/);
    expect(cli.lines.slice(3).join("\n")).not.toContain("sk_live_");
  });

  it.each(["SIGTERM", "SIGINT"] as const)("exits with code 0 on %s", async (signal) => {
    const cli = await startCli([]);

    cli.child.kill(signal);

    expect(await cli.exit).toEqual({ code: 0, signal: null });
  });

  it("accepts given keys and tokens, prints neither, and keeps --db data on restart", async () => {
    const db = join(dir, "restart.db");
    const args = ["--db", db, "--api-key", KEY, "--clinic", "north", "--admin-token", "cli-admin"];
    const first = await startCli(args);
    const created = await fetch(`${first.url}/v1/express`, {
      method: "POST",
      headers: { authorization: `Bearer ${KEY}`, "content-type": "application/json" },
      body: JSON.stringify({ expressCustomerName: "Kept" }),
    }).then((response) => response.json() as Promise<{ expressCustomerId: string }>);
    await first.waitForLine((line) => line.startsWith("POST "));
    first.child.kill("SIGTERM");
    expect((await first.exit).code).toBe(0);

    const second = await startCli(["--db", db, "--admin-token", "cli-admin"]);
    const read = await fetch(`${second.url}/v1/express/${created.expressCustomerId}`, {
      headers: { authorization: `Bearer ${KEY}` },
    });
    const stats = await fetch(`${second.url}/_emulator/stats`, {
      headers: { authorization: "Bearer cli-admin" },
    }).then((response) => response.json() as Promise<{ customersByClinic: object }>);
    await second.waitForLine((line) => line.startsWith("GET /_emulator/stats"));

    expect(read.status).toBe(200);
    expect(stats.customersByClinic).toEqual({ north: 1 });
    const output = [...first.lines, ...second.lines].join("\n");
    expect(output).not.toMatch(/sk_live_|api key|admin token/);
  });

  it("takes the admin token from AVARA_EMULATOR_ADMIN_TOKEN", async () => {
    const cli = await startCli([], { AVARA_EMULATOR_ADMIN_TOKEN: "from-env" });

    const stats = await fetch(`${cli.url}/_emulator/stats`, {
      headers: { authorization: "Bearer from-env" },
    });

    expect(stats.status).toBe(200);
    expect(cli.lines.join("\n")).not.toContain("admin token:");
  });

  it("starts with the faults of --faults", async () => {
    const faults = '{"rules":[{"fault":"status","status":503,"next":1}]}';
    const cli = await startCli(["--api-key", KEY, "--faults", faults]);
    const headers = { authorization: `Bearer ${KEY}` };

    const first = await fetch(`${cli.url}/v1/express`, { headers });
    const second = await fetch(`${cli.url}/v1/express`, { headers });

    expect([first.status, second.status]).toEqual([503, 200]);
  });

  it.each([
    ["an unknown flag", ["--bogus"]],
    ["a malformed key", ["--api-key", "sk_live_SECRETSECRET"]],
    ["a stray key argument", ["sk_live_SECRETSECRET"]],
    ["invalid fault JSON", ["--faults", "{nope"]],
    ["an invalid fault spec", ["--faults", '{"rules":[{"fault":"explode"}]}']],
    ["a bad port", ["--port", "http"]],
  ])("exits with code 2 and a message for %s, never echoing a key", async (_, args) => {
    const cli = runCli(args);

    const { code } = await cli.exit;

    expect(code).toBe(2);
    expect(cli.stderr()).toMatch(/^avara-emulator: .+/);
    expect(cli.stderr()).not.toContain("SECRETSECRET");
    expect(cli.lines).toEqual([]);
  });

  it.each([
    ["an empty --admin-token", ["--admin-token", ""], {}, "--admin-token"],
    ["an --admin-token with a space", ["--admin-token", "two words"], {}, "--admin-token"],
    ["an empty token in the environment", [], { [TOKEN_ENV]: "" }, TOKEN_ENV],
    ["a token with a newline in the environment", [], { [TOKEN_ENV]: "t\n" }, TOKEN_ENV],
  ])("refuses %s at start, naming where it came from", async (_, args, env, source) => {
    const cli = runCli(["--port", "0", ...args], env);

    expect(await exitCodeOrStarted(cli)).toBe(2);
    expect(cli.stderr().startsWith(`avara-emulator: ${source} `)).toBe(true);
    expect(cli.stderr()).not.toContain("two words");
    expect(cli.lines).toEqual([]);
  });

  it("refuses a --faults latency past Node's timer range, naming the field", async () => {
    const cli = runCli(["--port", "0", "--faults", '{"latencyMs":3000000000}']);

    expect(await exitCodeOrStarted(cli)).toBe(2);
    expect(cli.stderr()).toMatch(/^avara-emulator: --faults .*latencyMs.*one hour/);
  });

  it("prints usage for --help and exits 0", async () => {
    const cli = runCli(["--help"]);

    expect((await cli.exit).code).toBe(0);
    expect(cli.lines[0]).toMatch(/^Usage: avara-emulator/);
  });
});
