// Starts the local emulator the demo talks to, or finds the one `npm run emulator` keeps running.
import { spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import { createInterface } from "node:readline";
import { join } from "node:path";

import {
  DEMO_API_KEY,
  DEMO_CLINIC,
  DEMO_HOST,
  DEMO_PORT,
  DEMO_URL,
  demoDir,
  emulatorDatabase,
  repoRoot,
} from "./demo-settings.mjs";

const STARTUP_TIMEOUT_MS = 15_000;

/** Whether the demo emulator already answers on the demo port with the demo key. */
export async function demoEmulatorIsRunning() {
  try {
    const response = await fetch(`${DEMO_URL}/v1/express?limit=1`, {
      headers: { authorization: `Bearer ${DEMO_API_KEY}` },
      signal: AbortSignal.timeout(2_000),
    });

    return response.ok;
  } catch {
    return false;
  }
}

/**
 * Starts the emulator on the demo port with the demo database and key. Resolves once it listens;
 * `stop()` ends it. `inherit` passes its request log through to this terminal.
 */
export async function startDemoEmulator({ inherit = false } = {}) {
  mkdirSync(demoDir, { recursive: true });

  const args = [
    join(repoRoot, "emulator/bin/avara-emulator.js"),
    ["--host", DEMO_HOST],
    ["--port", String(DEMO_PORT)],
    ["--db", emulatorDatabase],
    ["--api-key", DEMO_API_KEY],
    ["--clinic", DEMO_CLINIC],
  ].flat();
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] });

  const stderr = [];
  child.stderr.on("data", (chunk) => stderr.push(chunk));

  const lines = createInterface({ input: child.stdout });
  const listening = new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error("the emulator did not start in time")),
      STARTUP_TIMEOUT_MS,
    );
    lines.on("line", (line) => {
      if (line.startsWith("avara-emulator listening on")) {
        clearTimeout(timer);
        resolve(line);
      }
      if (inherit) {
        process.stdout.write(`${line}\n`);
      }
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      const detail = Buffer.concat(stderr).toString().trim();
      reject(new Error(`the emulator exited with code ${code} before listening. ${detail}`));
    });
  });
  await listening;

  const exited = new Promise((resolve) => child.on("exit", resolve));

  return {
    async stop() {
      child.kill("SIGTERM");
      await exited;
    },
    exited,
  };
}
