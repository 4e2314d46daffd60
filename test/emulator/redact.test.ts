import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { redactSecrets } from "../../emulator/src/redact";
import { type RunningEmulator, startEmulator } from "../../emulator/src/start-emulator";
import { send } from "./http";

const HEX = "0123456789abcdef0123456789abcdef";
const KEY_LIKE = `sk_live_${HEX}`;

describe("redactSecrets", () => {
  it.each([
    ["a key", `/v1/express/${KEY_LIKE}`, "/v1/express/sk_live_***"],
    ["a key between other text", `x;${KEY_LIKE}/users`, "x;sk_live_***/users"],
    ["an upper-cased key", `/v1/${KEY_LIKE.toUpperCase()}`, "/v1/sk_live_***"],
    ["encoded underscores", `/v1/sk%5Flive%5F${HEX}/x`, "/v1/sk_live_***/x"],
    ["an encoded letter of the tail", `/v1/sk_live_%30${HEX.slice(1)}`, "/v1/sk_live_***"],
    ["a key encoded twice", `/v1/sk%255flive%255F${HEX}`, "/v1/sk_live_***"],
  ])("masks %s where it stands", (_, text, expected) => {
    expect(redactSecrets(text)).toBe(expected);
  });

  it.each([
    ["an ordinary path", "/v1/express/cus_0123456789abcdef0123456789abcdef%2Fx?limit=5"],
    ["a bare prefix", "keys start with sk_live_ and go on"],
    ["an already masked key", "No route GET /v1/sk_live_***."],
    ["a broken escape", "/v1/%E0%A4%A/sk%5"],
  ])("leaves %s unchanged", (_, text) => {
    expect(redactSecrets(text)).toBe(text);
  });
});

describe("error bodies", () => {
  let emulator: RunningEmulator;

  beforeAll(async () => {
    emulator = await startEmulator();
  });

  afterAll(async () => {
    await emulator.close();
  });

  it.each([
    ["an unknown field", { expressCustomerName: "A", [KEY_LIKE]: "x" }],
    ["a metadata key with a bad value", { expressCustomerName: "A", metadata: { [KEY_LIKE]: 5 } }],
    ["an encoded unknown field", { expressCustomerName: "A", [`sk%5Flive%5F${HEX}`]: "x" }],
  ])("mask a key-like name of %s in the message and the field paths", async (_, body) => {
    const response = await send(emulator, "POST", "/v1/express", { body });

    expect(response.status).toBe(400);
    expect(response.body.code).toBe("validation_failed");
    expect(JSON.stringify(response.body)).not.toMatch(new RegExp(HEX, "i"));
    expect(response.body.errors[0].path).toContain("sk_live_***");
  });
});
