import type { FastifyRequest } from "fastify";

import { ApiError } from "./api-error";
import { API_KEY_PATTERN } from "./ids";
import type { ApiKeyIdentity, KeyStore } from "./store/key-store";

const identities = new WeakMap<FastifyRequest, ApiKeyIdentity>();

/** Reads the bearer token of a request, or `undefined` when the header is missing or not Bearer. */
export function bearerToken(request: FastifyRequest): string | undefined {
  const match = /^Bearer +(\S+) *$/i.exec(request.headers.authorization ?? "");

  return match?.[1];
}

/**
 * Resolves the caller's key to its clinic and key UUID, or throws 401 `unauthorized` (D9).
 * The message never repeats the key, even a wrong one.
 */
export function authenticate(request: FastifyRequest, keys: KeyStore): void {
  const token = bearerToken(request);
  const identity =
    token !== undefined && API_KEY_PATTERN.test(token) ? keys.identify(token) : undefined;

  if (identity === undefined) {
    throw new ApiError(
      401,
      "unauthorized",
      "Missing or unknown API key. Send the header `Authorization: Bearer sk_live_<32 hex>` " +
        "with a key this emulator knows (the one it printed at start, or one passed with " +
        "--api-key).",
    );
  }

  identities.set(request, identity);
}

/** The identity {@link authenticate} attached to a request. */
export function identityOf(request: FastifyRequest): ApiKeyIdentity {
  const identity = identities.get(request);

  if (identity === undefined) throw new Error("identityOf called on an unauthenticated request");

  return identity;
}
