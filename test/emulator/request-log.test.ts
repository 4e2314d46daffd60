import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { type RunningEmulator, startEmulator } from "../../emulator/src/start-emulator";

const HEX = "0123456789abcdef0123456789abcdef";

let emulator: RunningEmulator;
const lines: string[] = [];

beforeAll(async () => {
  emulator = await startEmulator({ onRequestLog: (line) => lines.push(line) });
});

beforeEach(() => {
  lines.length = 0;
});

afterAll(async () => {
  await emulator.close();
});

describe("request log", () => {
  it("prints method, path without the query, status and duration", async () => {
    await fetch(`${emulator.url}/v1/express?limit=5`, {
      headers: { authorization: `Bearer ${emulator.apiKey}` },
    });

    expect(lines).toEqual([expect.stringMatching(/^GET \/v1\/express 200 \d+ms$/)]);
  });

  it.each([
    ["as is", `/v1/express/sk_live_${HEX}`],
    ["with percent-encoded underscores", `/v1/express/sk%5Flive%5F${HEX}`],
    ["with lower-case escapes", `/v1/express/sk%5flive%5f${HEX}`],
    ["with an encoded letter", `/v1/express/%73k_live_${HEX}`],
    ["encoded twice", `/v1/express/sk%255Flive%255F${HEX}`],
    ["upper-cased, in an unknown route", `/v1/SK_LIVE_${HEX.toUpperCase()}`],
    ["encoded, in an unknown route", `/v2/sk%5Flive%5F${HEX}/users`],
  ])("masks a key written %s in the log line and the error body", async (_, path) => {
    const response = await fetch(`${emulator.url}${path}`, {
      headers: { authorization: `Bearer ${emulator.apiKey}` },
    });
    const body = await response.text();

    expect(response.status).toBe(404);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain("sk_live_***");
    expect(lines[0]).not.toMatch(new RegExp(HEX, "i"));
    expect(body).not.toMatch(new RegExp(HEX, "i"));
  });
});
