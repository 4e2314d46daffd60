import type { FastifyRequest } from "fastify";

import { ApiError } from "./api-error";
import { API_KEY_PATTERN } from "./ids";
import type { ApiKeyIdentity, KeyStore } from "./store/key-store";

// null: looked up, no known key. Fault hooks and authentication both ask; the store answers once.
const identities = new WeakMap<FastifyRequest, ApiKeyIdentity | null>();

/** Reads the bearer token of a request, or `undefined` when the header is missing or not Bearer. */
export function bearerToken(request: FastifyRequest): string | undefined {
  const match = /^Bearer +(\S+) *$/i.exec(request.headers.authorization ?? "");

  return match?.[1];
}

/**
 * The identity of the request's API key, however the header spells the scheme and the spaces, or
 * `undefined` when the key is missing, malformed or unknown. Looked up once per request.
 */
export function callerIdentity(
  request: FastifyRequest,
  keys: KeyStore,
): ApiKeyIdentity | undefined {
  if (!identities.has(request)) {
    const token = bearerToken(request);
    const identity =
      token !== undefined && API_KEY_PATTERN.test(token) ? keys.identify(token) : undefined;

    identities.set(request, identity ?? null);
  }

  return identities.get(request) ?? undefined;
}

/**
 * Resolves the caller's key to its clinic and key UUID, or throws 401 `unauthorized` (D9).
 * The message never repeats the key, even a wrong one, nor shows anything shaped like a key.
 */
export function authenticate(request: FastifyRequest, keys: KeyStore): void {
  if (callerIdentity(request, keys) === undefined) {
    throw new ApiError(
      401,
      "unauthorized",
      // No key-shaped placeholder and no "Bearer <something>": clients' redaction masks both,
      // which would mangle the hint into nonsense.
      "Missing or unknown API key. Send it in the Authorization header, with the scheme Bearer: " +
        "a key this emulator knows, that is the one it printed at start, one passed with " +
        "--api-key, or one created with POST /_emulator/keys.",
    );
  }
}

/** The identity {@link authenticate} found for a request. */
export function identityOf(request: FastifyRequest): ApiKeyIdentity {
  const identity = identities.get(request);

  if (identity === undefined || identity === null) {
    throw new Error("identityOf called on an unauthenticated request");
  }

  return identity;
}
