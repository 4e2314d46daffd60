/**
 * Resolves {@link AvaraClientOptions} into settings: explicit options first, then `AVARA_BASE_URL`
 * and `AVARA_API_KEY` (the official SDKs' names), then defaults. Refuses what would be unsafe.
 */
import { isIP } from "node:net";

import { ConfigurationError } from "../errors";
import { getDefaultLogger, type Logger } from "../log";
import { registerSecret } from "../redact";
import { MAX_TIMER_MS } from "./clock";
import type { AvaraClientOptions } from "./types";

/** The production API. */
export const DEFAULT_BASE_URL = "https://api.avarasoftware.com";

/** Per attempt. */
export const DEFAULT_TIMEOUT_MS = 30_000;

/** Retries after the first attempt. */
export const DEFAULT_MAX_RETRIES = 5;

/** The whole call, retries and reconciliation included. */
export const DEFAULT_DEADLINE_MS = 60_000;

/** Settings after defaults and checks; the base URL's path has no trailing slash. */
export interface ClientSettings {
  baseUrl: URL;
  apiKey: string;
  timeoutMs: number;
  maxRetries: number;
  deadlineMs: number;
  logger: Logger;
}

const KEY_HELP =
  "Set it with `pulumi config set --secret avara:apiKey <key>` or the AVARA_API_KEY " +
  "environment variable.";

function nonBlank(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value.trim();
}

// An Authorization header carries visible ASCII only; undici refuses anything else, and a line
// break could inject a header. Avara keys are `sk_live_` and 32 hex digits.
const KEY_CHARACTER = /^[\x21-\x7e]$/;

function describeCharacter(character: string): string {
  const codePoint = character.codePointAt(0) ?? 0;
  const hex = codePoint.toString(16).toUpperCase().padStart(4, "0");
  if (codePoint === 0x0a || codePoint === 0x0d) return `a line break (U+${hex})`;
  if (codePoint === 0x20) return "a space";
  if (codePoint < 0x20 || codePoint === 0x7f) return `a control character (U+${hex})`;
  return `a character outside ASCII (U+${hex})`;
}

/** Refuses a key an HTTP header cannot carry, naming the character but never the key. */
function assertKeyCharacters(apiKey: string): void {
  const characters = [...apiKey];
  const index = characters.findIndex((character) => !KEY_CHARACTER.test(character));
  if (index === -1) return;

  throw new ConfigurationError(
    `The Avara API key has ${describeCharacter(characters[index])} at character ${index + 1}; ` +
      "an API key holds visible ASCII characters only (Avara's are letters, digits and " +
      `underscores). Copy the key again from the Avara dashboard. ${KEY_HELP}`,
  );
}

/**
 * True for 127.0.0.0/8, ::1 and `localhost`: the only hosts plain http:// may reach. A subdomain
 * of localhost is not one of them: only some resolvers keep `*.localhost` on this machine.
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  if (host === "localhost") return true;
  if (isIP(host) === 4) return host.startsWith("127.");
  return isIP(host) === 6 && host === "::1";
}

function parseBaseUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigurationError(
      `The Avara base URL ${JSON.stringify(raw)} is not a URL. Set avara:baseUrl or ` +
        `AVARA_BASE_URL to an https:// URL such as ${DEFAULT_BASE_URL}, or unset it.`,
    );
  }

  if (url.username !== "" || url.password !== "") {
    throw new ConfigurationError(
      "The Avara base URL carries credentials; they would be sent and logged in clear. Remove " +
        "them from avara:baseUrl or AVARA_BASE_URL and give the API key through avara:apiKey.",
    );
  }
  if (url.protocol === "http:" && !isLoopbackHost(url.hostname)) {
    throw new ConfigurationError(
      `The Avara base URL ${url.origin} uses plain http:// to a host that is not loopback, ` +
        "which would send the API key in clear. Use https://, or http:// only for 127.0.0.1, " +
        "localhost or [::1] (the emulator).",
    );
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new ConfigurationError(
      `The Avara base URL must use https:// (or http:// to a loopback host), not ${url.protocol}`,
    );
  }

  url.pathname = url.pathname.replace(/\/+$/, "");
  url.search = "";
  url.hash = "";
  return url;
}

// The attempt timer and the deadline are Node timers, which fire at once past MAX_TIMER_MS.
function timerMs(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (Number.isInteger(value) && value >= 1 && value <= MAX_TIMER_MS) return value;
  throw new ConfigurationError(
    `${name} must be a whole number of milliseconds from 1 to ${MAX_TIMER_MS} (about 24.8 ` +
      `days), not ${value}.`,
  );
}

function retryCount(value: number | undefined): number {
  if (value === undefined) return DEFAULT_MAX_RETRIES;
  if (Number.isInteger(value) && value >= 0) return value;
  throw new ConfigurationError(`maxRetries must be a whole number of 0 or more, not ${value}.`);
}

/**
 * Resolves options and environment into {@link ClientSettings}. Throws
 * {@link ConfigurationError} for a missing or blank key, a key with characters an HTTP header
 * cannot carry, a base URL that does not parse, plain http:// to a host that is not loopback, or a
 * bad number. Registers the key with the redaction function.
 */
export function resolveSettings(
  options: AvaraClientOptions = {},
  env: NodeJS.ProcessEnv = process.env,
): ClientSettings {
  const apiKey = nonBlank(options.apiKey) ?? nonBlank(env.AVARA_API_KEY);
  if (apiKey === undefined) {
    throw new ConfigurationError(`No Avara API key was given. ${KEY_HELP}`);
  }
  registerSecret(apiKey);
  assertKeyCharacters(apiKey);

  const rawBaseUrl = nonBlank(options.baseUrl) ?? nonBlank(env.AVARA_BASE_URL) ?? DEFAULT_BASE_URL;

  return {
    baseUrl: parseBaseUrl(rawBaseUrl),
    apiKey,
    timeoutMs: timerMs("timeoutMs", options.timeoutMs, DEFAULT_TIMEOUT_MS),
    maxRetries: retryCount(options.maxRetries),
    deadlineMs: timerMs("deadlineMs", options.deadlineMs, DEFAULT_DEADLINE_MS),
    logger: options.logger ?? getDefaultLogger(),
  };
}
