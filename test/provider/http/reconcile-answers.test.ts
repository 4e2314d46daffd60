import { describe, expect, it } from "vitest";

import { createAvaraClient } from "../../../provider/src/http/client";
import { ServerClockOffsets } from "../../../provider/src/http/clock";
import { RequestLimiter } from "../../../provider/src/http/limiter";
import { createUndiciTransport, type Transport } from "../../../provider/src/http/transport";
import { captureLogger, fakeClock } from "./helpers/capture";
import { useScriptedServers } from "./helpers/scripted-server";

const KEY = "sk_live_0123456789abcdef0123456789abcdef";
const NAME = "Slow Listing Clinic";
const T0 = Date.parse("2026-12-04T12:00:00.000Z");

function customer(id: string, createdAt: number) {
  return {
    expressCustomerId: id,
    expressCustomerName: NAME,
    isActive: true,
    createdAt: new Date(createdAt).toISOString(),
    updatedAt: new Date(createdAt).toISOString(),
    userCount: 0,
    createdByApiKeyId: "550e8400-e29b-41d4-a716-446655440000",
  };
}

/**
 * Real HTTP, but on the test's fake clock: a GET is answered `latencyMs` after it left, and every
 * answer carries the `Date` the server stamped as it answered, on a clock equal to ours.
 */
function slowListings(clock: ReturnType<typeof fakeClock>, latencyMs: number): Transport {
  const transport = createUndiciTransport();

  return async (request) => {
    if (request.method === "GET") clock.advance(latencyMs);
    const response = await transport(request);
    const date = new Date(clock.now()).toUTCString();

    return { ...response, headers: { ...response.headers, date } };
  };
}

const scripted = useScriptedServers();

/**
 * Creates a customer through a server that loses the POST's answer, then lists `listed` (after
 * `listingLatencyMs`), then answers `resent` to a second POST. Runs on a fake clock that starts
 * at T0, with no jitter, its own limiter and its own clock offsets.
 */
async function createWithLostAnswer(listed: unknown, resent: unknown, listingLatencyMs: number) {
  const server = await scripted([
    { drop: true },
    { body: { expressCustomers: [listed], hasMore: false } },
    { body: resent },
  ]);
  const clock = fakeClock(T0);
  const capture = captureLogger();
  const client = createAvaraClient(
    { baseUrl: server.url, apiKey: KEY, logger: capture.logger },
    {
      clock,
      random: () => 0,
      limiter: new RequestLimiter(),
      offsets: new ServerClockOffsets(),
      transport: slowListings(clock, listingLatencyMs),
    },
  );

  const result = await client.createCustomer({ expressCustomerName: NAME });

  const requests = server.received.map((request) => `${request.method} ${request.url}`);
  return { result, requests, log: capture.text() };
}

describe("reconciling a lost create when the server's answers are slow", () => {
  // The tester's scenario: the POST's answer is lost after the customer was made, and the
  // listing that looks for it takes 14 s. Halving that round trip put the clock offset 7 s ahead,
  // past the 5 s allowance, so the customer looked older than the request and was posted again.
  it("adopts the customer the lost create made, and sends no second POST", async () => {
    const made = customer("cus_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", T0 + 20);
    const duplicate = customer("cus_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", T0 + 15_000);

    const { result, requests, log } = await createWithLostAnswer(made, duplicate, 14_000);

    expect(result.expressCustomerId).toBe(made.expressCustomerId);
    expect(requests).toEqual(["POST /v1/express", "GET /v1/express?limit=100"]);
    expect(log).toContain(`adopted ${made.expressCustomerId}`);
  });
});

describe("reconciling a lost create against answers without isActive", () => {
  it.each([
    ["absent", undefined],
    ["null", null],
  ])("never adopts a candidate with isActive %s; the create is sent again", async (_, value) => {
    const made = customer("cus_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", T0);
    const { isActive: _active, ...unstated } = made;
    const listed = value === undefined ? unstated : { ...unstated, isActive: value };
    const created = customer("cus_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", T0 + 600);

    const { result, requests, log } = await createWithLostAnswer(listed, created, 0);

    expect(result.expressCustomerId).toBe(created.expressCustomerId);
    expect(requests).toEqual([
      "POST /v1/express",
      "GET /v1/express?limit=100",
      "POST /v1/express",
    ]);
    expect(log).toContain('"reason":"isActive not given as true"');
  });
});
