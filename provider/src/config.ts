/**
 * The provider's settings. `configure()` hands over the stack configuration, from which
 * `avara:apiKey` (set it with `--secret`) and `avara:baseUrl` are read; the client falls back to
 * AVARA_API_KEY and AVARA_BASE_URL. Nothing here is captured by the serialized provider, so the
 * key never reaches Pulumi state, and a rotated key takes effect at the next command.
 */
import type * as pulumi from "@pulumi/pulumi";

import { createAvaraClient } from "./http/client";
import type { AvaraClient, AvaraClientOptions } from "./http/types";
import { registerSecret } from "./redact";

/** The stack configuration key of the API key. */
export const API_KEY_CONFIG = "avara:apiKey";

/** The stack configuration key of the base URL. */
export const BASE_URL_CONFIG = "avara:baseUrl";

let configured: AvaraClientOptions = {};
let client: AvaraClient | undefined;

/** Takes the settings from the stack configuration `configure()` received. */
export function applyStackConfig(config: pulumi.dynamic.Config): void {
  const apiKey = config.get(API_KEY_CONFIG);
  if (apiKey !== undefined) registerSecret(apiKey);

  configured = { apiKey, baseUrl: config.get(BASE_URL_CONFIG) };
  client = undefined;
}

/**
 * The client for the current settings, created on first use. Throws the client's
 * ConfigurationError, naming `avara:apiKey` and AVARA_API_KEY, when neither gives a key.
 */
export function providerClient(): AvaraClient {
  client ??= createAvaraClient(configured);

  return client;
}
