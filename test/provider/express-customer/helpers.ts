import { randomBytes } from "node:crypto";

import { createAvaraClient } from "../../../provider/src/http/client";
import type { AvaraClient } from "../../../provider/src/http/types";
import { silentLogger } from "../../../provider/src/log";
import { instantClock } from "../http/helpers/capture";

/** Stands in for the serialized provider the host adds to every input and output. */
export const PROVIDER_TEXT = 'exports.handler = __f0; /* require("pulumi-avara/provider-impl") */';

/** A well-formed customer ID that no emulator has issued. */
export function unknownCustomerId(): string {
  return `cus_${randomBytes(16).toString("hex")}`;
}

/** A client of `url` with `apiKey` whose backoff sleeps end at once. */
export function testClient(url: string, apiKey: string, maxRetries = 2): AvaraClient {
  return createAvaraClient(
    { baseUrl: url, apiKey, maxRetries, logger: silentLogger },
    { clock: instantClock() },
  );
}

/** A customer as the API sends it, for scripted servers. */
export function wireCustomer(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    expressCustomerId: "cus_0123456789abcdef0123456789abcdef",
    expressCustomerName: "City Radiology",
    isActive: true,
    metadata: { region: "northeast" },
    createdAt: "2026-12-04T15:21:56.123Z",
    updatedAt: "2026-12-04T15:21:56.123Z",
    userCount: 0,
    createdByApiKeyId: "550e8400-e29b-41d4-a716-446655440000",
    ...overrides,
  };
}
