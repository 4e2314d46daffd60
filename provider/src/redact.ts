/**
 * The one redaction function of the provider. Logs and error messages pass through it, so an API
 * key or credential header never reaches a terminal, a log file or Pulumi's state.
 */

/** What redacted values are replaced with. */
export const REDACTED = "***";

// Header names whose values are credentials (the Stainless list plus undici's).
const SECRET_HEADERS = new Set([
  "authorization",
  "proxy-authorization",
  "cookie",
  "set-cookie",
  "x-api-key",
  "api-key",
]);

// Avara keys are `sk_live_` + 32 hex; masking any `sk_live_` run also covers malformed ones, and
// any case covers a server that echoes the key upper-cased.
const KEY_PATTERN = /sk_live_[A-Za-z0-9_-]*/gi;
const BEARER_PATTERN = /\b(Bearer|Basic)\s+[^\s"',;]+/gi;

// Longest first, so a secret that contains another is masked whole rather than around it.
let registeredSecrets: string[] = [];

/**
 * Masks `value` from now on wherever {@link redact} sees it, for secrets that do not look like an
 * Avara key (for example a key given in an unexpected form). Values shorter than 4 characters are
 * ignored: masking them would mangle ordinary text.
 */
export function registerSecret(value: string): void {
  if (value.trim().length < 4 || registeredSecrets.includes(value)) return;
  registeredSecrets = [...registeredSecrets, value].sort((a, b) => b.length - a.length);
}

function redactString(text: string): string {
  // Registered secrets go first: the key pattern would otherwise mask only the head of a key in
  // an unexpected form (`sk_live_….tail`), and the tail would no longer match the whole secret.
  let result = text;
  for (const secret of registeredSecrets) {
    result = result.replace(new RegExp(escapeRegExp(secret), "gi"), REDACTED);
  }
  return result.replace(KEY_PATTERN, REDACTED).replace(BEARER_PATTERN, `$1 ${REDACTED}`);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function redactValue(value: unknown, seen: WeakSet<object>): unknown {
  if (typeof value === "string") return redactString(value);
  if (typeof value !== "object" || value === null) return value;
  if (seen.has(value)) return "[Circular]";
  seen.add(value);

  if (Array.isArray(value)) return value.map((item) => redactValue(item, seen));

  if (value instanceof Error) {
    return { name: value.name, message: redactString(value.message) };
  }

  if (typeof (value as { entries?: unknown }).entries === "function" && !isPlain(value)) {
    // Headers, Map and similar: redact their entries as a plain object.
    const entries = (value as { entries(): Iterable<[unknown, unknown]> }).entries();
    return redactValue(Object.fromEntries(entries), seen);
  }

  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    copy[key] = SECRET_HEADERS.has(key.toLowerCase()) ? REDACTED : redactValue(item, seen);
  }
  return copy;
}

function isPlain(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * Returns a copy of `value` with credentials masked: the values of credential headers
 * (Authorization, Proxy-Authorization, Cookie, Set-Cookie, X-Api-Key) at any depth, and any
 * `sk_live_…` key, bearer token or {@link registerSecret registered secret} inside any string.
 */
export function redact<T>(value: T): T {
  return redactValue(value, new WeakSet()) as T;
}
