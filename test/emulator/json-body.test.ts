import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { findForbiddenKey } from "../../emulator/src/json-body";
import { type RunningEmulator, startEmulator } from "../../emulator/src/start-emulator";

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator();
});

afterAll(async () => {
  await emulator.close();
});

/** Posts `rawBody` as JSON to create a customer, over real HTTP. */
async function postRaw(rawBody: string): Promise<{ status: number; body: any }> {
  const response = await fetch(`${emulator.url}/v1/express`, {
    method: "POST",
    headers: { authorization: `Bearer ${emulator.apiKey}`, "content-type": "application/json" },
    body: rawBody,
  });

  return { status: response.status, body: await response.json() };
}

describe("JSON bodies", () => {
  it.each([
    ["at the top", '{"expressCustomerName":"A","__proto__":{"isAdmin":true}}', "__proto__"],
    [
      "in metadata",
      '{"expressCustomerName":"A","metadata":{"__proto__":"x"}}',
      "metadata.__proto__",
    ],
    ["inside an array", '{"expressCustomerName":"A","tags":[{"__proto__":1}]}', "tags.0.__proto__"],
    [
      "as prototype inside constructor",
      '{"expressCustomerName":"A","metadata":{"constructor":{"prototype":"x"}}}',
      "metadata.constructor.prototype",
    ],
  ])("answers a forbidden key %s with 400 forbidden_key naming its path", async (_, raw, path) => {
    const response = await postRaw(raw);

    expect(response.status).toBe(400);
    expect(response.body).toEqual({ message: expect.any(String), code: "forbidden_key" });
    expect(response.body.message).toContain(` at ${path}. `);
    expect(response.body.message).toContain("are not accepted");
  });

  it("creates nothing when a body has a forbidden key", async () => {
    await postRaw('{"expressCustomerName":"Poisoned","metadata":{"__proto__":"x"}}');

    const list = await fetch(`${emulator.url}/v1/express`, {
      headers: { authorization: `Bearer ${emulator.apiKey}` },
    }).then((response) => response.json() as Promise<{ expressCustomers: unknown[] }>);

    expect(list.expressCustomers).toEqual([]);
  });

  it("accepts constructor as an ordinary metadata key", async () => {
    const response = await postRaw('{"expressCustomerName":"A","metadata":{"constructor":"x"}}');

    expect(response.status).toBe(200);
    expect(response.body.metadata).toEqual({ constructor: "x" });
  });

  it("still answers malformed JSON with 400 invalid_json", async () => {
    const response = await postRaw('{"__proto__": ');

    expect(response.status).toBe(400);
    expect(response.body.code).toBe("invalid_json");
  });
});

describe("findForbiddenKey", () => {
  it("finds a key 100 000 levels deep without exhausting the call stack", () => {
    const depth = 100_000;
    const body = JSON.parse(`${'{"a":'.repeat(depth)}{"__proto__":1}${"}".repeat(depth)}`);

    const path = findForbiddenKey(body);

    expect(path).toHaveLength(depth + 1);
    expect(path?.at(-1)).toBe("__proto__");
  });

  it("finds nothing in a body without such keys", () => {
    expect(findForbiddenKey({ metadata: { proto: "x", prototype: "y" }, list: [1, "a"] })).toBe(
      undefined,
    );
  });
});
