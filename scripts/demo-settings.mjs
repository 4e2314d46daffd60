// The fixed plumbing of `npm run demo` and `npm run emulator`, in one place. Everything here is
// for the local demo only: the key opens nothing but the emulator on this machine, and the
// passphrase protects nothing but the demo's throwaway state.
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..");
export const demoDir = join(repoRoot, ".demo");

export const DEMO_HOST = "127.0.0.1";
export const DEMO_PORT = 4010;
export const DEMO_URL = `http://${DEMO_HOST}:${DEMO_PORT}`;
export const DEMO_API_KEY = "sk_live_0000000000000000000000000000de70";
export const DEMO_CLINIC = "Demo radiology integrator";
export const DEMO_PASSPHRASE = "avara-demo-only-passphrase";
export const DEMO_STACK = "dev";

export const emulatorDatabase = join(demoDir, "emulator.db");

/** Whether a URL points at this machine, so the demo can never reach a real Avara API. */
export function isLoopbackUrl(text) {
  let url;
  try {
    url = new URL(text);
  } catch {
    return false;
  }

  const host = url.hostname.replace(/^\[|\]$/g, "");

  return host === "localhost" || host === "::1" || /^127(\.\d{1,3}){3}$/.test(host);
}
