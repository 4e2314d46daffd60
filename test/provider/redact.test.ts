import { describe, expect, it } from "vitest";

import { redact, REDACTED, registerSecret } from "../../provider/src/redact";

const KEY = "sk_live_0123456789abcdef0123456789abcdef";

describe("redact", () => {
  const headerNames = [
    "Authorization",
    "authorization",
    "Proxy-Authorization",
    "Cookie",
    "Set-Cookie",
    "X-Api-Key",
  ];

  it.each(headerNames)(
    "masks the %s header at any depth",
    (header) => {
      const value = { request: { headers: { [header]: "anything", accept: "application/json" } } };

      expect(redact(value)).toEqual({
        request: { headers: { [header]: REDACTED, accept: "application/json" } },
      });
    },
  );

  it("masks an Avara key inside any string", () => {
    expect(redact(`bad key ${KEY}, again:${KEY}.`)).toBe("bad key ***, again:***.");
    expect(redact("sk_live_short")).toBe("***");
  });

  it("masks bearer tokens in free text", () => {
    expect(redact("sent Authorization: Bearer abc.def-123 to the server")).toBe(
      "sent Authorization: Bearer *** to the server",
    );
  });

  it("masks a key and a registered secret that a server echoes upper-cased", () => {
    const secret = "proxy-token-for-tests";
    registerSecret(secret);

    const echoed = `bad key ${KEY.toUpperCase()} via ${secret.toUpperCase()}`;

    expect(redact(echoed)).toBe("bad key *** via ***");
  });

  it("masks a registered secret that does not look like a key", () => {
    const secret = "my-unusual-secret-value";
    registerSecret(secret);

    expect(redact({ note: `it was ${secret}!`, list: [secret] })).toEqual({
      note: "it was ***!",
      list: ["***"],
    });
  });

  it.each([
    "sk_live_0123456789abcdef0123456789abcdef.TAIL",
    "sk_live_ab+cd/ef==TAIL",
    "sk_live_0123 456789abcdefTAIL",
    "sk_live_0123456789abcd\u00e9TAIL",
  ])("masks the whole of a registered key in an unexpected form (%o)", (oddKey) => {
    registerSecret(oddKey);

    expect(redact(`the server said: key ${oddKey} is unknown`)).toBe(
      "the server said: key *** is unknown",
    );
  });

  it("masks the longer of two registered secrets whole when one contains the other", () => {
    registerSecret("short-secret");
    registerSecret("short-secret-with-a-longer-tail");

    expect(redact("x short-secret-with-a-longer-tail y")).toBe("x *** y");
  });

  it("ignores registered secrets too short to be safe to mask", () => {
    registerSecret("ab");

    expect(redact("abcab")).toBe("abcab");
  });

  it("masks the entries of Headers and Map objects", () => {
    const headers = new Headers({ authorization: `Bearer ${KEY}`, "x-trace": KEY });

    expect(redact({ headers })).toEqual({
      headers: { authorization: REDACTED, "x-trace": REDACTED },
    });
    expect(redact(new Map([["cookie", "a=b"]]))).toEqual({ cookie: REDACTED });
  });

  it("reduces errors to their name and redacted message", () => {
    expect(redact({ cause: new TypeError(`bad ${KEY}`) })).toEqual({
      cause: { name: "TypeError", message: "bad ***" },
    });
  });

  it("leaves its input untouched and keeps other values as they are", () => {
    const input = { authorization: KEY, count: 3, active: true, nothing: null, list: [1, "two"] };
    const copy = structuredClone(input);

    expect(redact(input)).toEqual({ ...copy, authorization: REDACTED });
    expect(input).toEqual(copy);
  });

  it("survives circular structures", () => {
    const node: Record<string, unknown> = { name: KEY };
    node.self = node;

    expect(redact(node)).toEqual({ name: REDACTED, self: "[Circular]" });
  });
});
