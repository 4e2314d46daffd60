/**
 * The provider's settings. `configure()` hands over the stack configuration, from which
 * `avara:apiKey` (set it with `--secret`) and `avara:baseUrl` are read; the client falls back to
 * AVARA_API_KEY and AVARA_BASE_URL. Nothing here is captured by the serialized provider, so the
 * key reaches state only as the encrypted config of the default provider (the program refuses an
 * `avara:apiKey` set without `--secret`), and a key from AVARA_API_KEY takes effect at the next
 * command.
 */
import type * as pulumi from "@pulumi/pulumi";

import { API_KEY_CONFIG, BASE_URL_CONFIG } from "./config-keys";
import { createAvaraClient } from "./http/client";
import type { AvaraClient, AvaraClientOptions } from "./http/types";
import { registerSecret } from "./redact";

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
