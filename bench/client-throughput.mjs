// Client throughput: the same GET/POST requests through the pulumi-avara client and through bare
// undici, against a local emulator, in alternating rounds after a warm-up. Prints requests per
// second and the heap each round leaves behind for each side, and the ratio. Loopback only;
// bounded in count and time.
//
// Build first: npx tsc -b provider emulator
// Run:         node --expose-gc bench/client-throughput.mjs [--requests 2000] [--rounds 6]
//              [--concurrency 8] [--max-seconds 60]
import { createRequire } from "node:module";
import { parseArgs } from "node:util";

const require = createRequire(import.meta.url);
const { startEmulator } = require("../emulator/dist/index.js");
const { createAvaraClient } = require("../provider/dist/http/client.js");
const { createLogger } = require("../provider/dist/log.js");
const { request } = require("undici");

const { values } = parseArgs({
  options: {
    requests: { type: "string", default: "2000" },
    rounds: { type: "string", default: "6" },
    concurrency: { type: "string", default: "8" },
    "max-seconds": { type: "string", default: "60" },
  },
});

function bounded(name, raw, min, max) {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`--${name} must be a whole number from ${min} to ${max}, not ${raw}`);
  }
  return value;
}

const REQUESTS = bounded("requests", values.requests, 10, 100_000);
const ROUNDS = bounded("rounds", values.rounds, 2, 50);
const CONCURRENCY = bounded("concurrency", values.concurrency, 1, 64);
const MAX_SECONDS = bounded("max-seconds", values["max-seconds"], 5, 600);
const WARM_UP_REQUESTS = Math.min(500, REQUESTS);

// The default level (warn): what a user runs with, so per-request info lines are not written.
const logger = createLogger({ level: "warn" });

/** Runs `count` operations with `CONCURRENCY` workers; operation i is GET when i is even. */
async function drive(count, operation) {
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const index = next;
      next += 1;
      await operation(index);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
}

function gc() {
  globalThis.gc?.();
}

async function measure(label, count, operation) {
  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  const startedAt = performance.now();
  await drive(count, operation);
  const seconds = (performance.now() - startedAt) / 1000;
  // Collected again, so the figure is what the round left behind rather than passing garbage.
  gc();
  const heapAfter = process.memoryUsage().heapUsed;
  return { label, perSecond: count / seconds, heapGrowthMb: (heapAfter - heapBefore) / 2 ** 20 };
}

function median(numbers) {
  const sorted = [...numbers].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

async function main() {
  const emulator = await startEmulator({ host: "127.0.0.1", port: 0 });
  const baseUrl = emulator.url;
  if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(baseUrl)) throw new Error(`not loopback: ${baseUrl}`);

  try {
    const client = createAvaraClient({ baseUrl, apiKey: emulator.apiKey, logger });
    const headers = {
      authorization: `Bearer ${emulator.apiKey}`,
      accept: "application/json",
    };
    const seed = await client.createCustomer({ expressCustomerName: "bench-seed" });
    const getPath = `/v1/express/${seed.expressCustomerId}`;

    const viaClient = (index) =>
      index % 2 === 0
        ? client.retrieveCustomer(seed.expressCustomerId)
        : client.createCustomer({
            expressCustomerName: `bench-client-${index}`,
            metadata: { i: "1" },
          });

    const viaUndici = async (index) => {
      const isGet = index % 2 === 0;
      const response = await request(new URL(isGet ? getPath : "/v1/express", baseUrl), {
        method: isGet ? "GET" : "POST",
        headers: isGet ? headers : { ...headers, "content-type": "application/json" },
        body: isGet
          ? undefined
          : JSON.stringify({ expressCustomerName: `bench-undici-${index}`, metadata: { i: "1" } }),
      });
      const body = await response.body.json();
      if (response.statusCode !== 200) throw new Error(`bare undici got ${response.statusCode}`);
      return body;
    };

    const deadline = performance.now() + MAX_SECONDS * 1000;
    await drive(WARM_UP_REQUESTS, viaClient);
    await drive(WARM_UP_REQUESTS, viaUndici);

    const results = { client: [], undici: [] };
    for (let round = 0; round < ROUNDS && performance.now() < deadline; round += 1) {
      // Alternate which side goes first, so neither always runs on a warmer or fuller server.
      const order = round % 2 === 0 ? ["client", "undici"] : ["undici", "client"];
      for (const side of order) {
        const operation = side === "client" ? viaClient : viaUndici;
        results[side].push(await measure(side, REQUESTS, operation));
      }
    }

    const summary = (side) => ({
      perSecond: median(results[side].map((r) => r.perSecond)),
      heapGrowthMb: median(results[side].map((r) => r.heapGrowthMb)),
    });
    const client_ = summary("client");
    const undici = summary("undici");
    const format = (name, s) =>
      `${name.padEnd(16)} ${s.perSecond.toFixed(0).padStart(8)} req/s` +
      `   heap retained per round ${s.heapGrowthMb.toFixed(2).padStart(6)} MB`;

    process.stdout.write(
      [
        `pulumi-avara client throughput: ${results.client.length} rounds of ${REQUESTS} requests ` +
          `(half GET, half POST), ${CONCURRENCY} concurrent, node ${process.versions.node}` +
          (globalThis.gc ? "" : " (run with --expose-gc for steadier memory figures)"),
        format("pulumi-avara", client_),
        format("bare undici", undici),
        `ratio (client / bare undici): ${(client_.perSecond / undici.perSecond).toFixed(2)}`,
        "",
      ].join("\n"),
    );
  } finally {
    await emulator.close();
  }
}

await main();
