import { describe, expect, it } from "vitest";

import { ConfigurationError } from "../../../provider/src/errors";
import {
  DEFAULT_BASE_URL,
  isLoopbackHost,
  resolveSettings,
} from "../../../provider/src/http/settings";
import { redact, REDACTED } from "../../../provider/src/redact";

const KEY = "sk_live_0123456789abcdef0123456789abcdef";

function configError(run: () => unknown): ConfigurationError {
  try {
    run();
  } catch (error) {
    if (ConfigurationError.isInstance(error)) return error;
    throw error;
  }
  throw new Error("expected a ConfigurationError");
}

describe("resolveSettings", () => {
  it("uses the documented defaults", () => {
    const settings = resolveSettings({ apiKey: KEY }, {});

    expect(settings.baseUrl.href).toBe(`${DEFAULT_BASE_URL}/`);
    expect(settings.timeoutMs).toBe(30_000);
    expect(settings.maxRetries).toBe(5);
    expect(settings.deadlineMs).toBe(60_000);
  });

  it("falls back to AVARA_BASE_URL and AVARA_API_KEY", () => {
    const env = { AVARA_API_KEY: ` ${KEY} `, AVARA_BASE_URL: "https://eu.example.com/" };
    const settings = resolveSettings({}, env);

    expect(settings.apiKey).toBe(KEY);
    expect(settings.baseUrl.href).toBe("https://eu.example.com/");
  });

  it("prefers explicit options over the environment", () => {
    const settings = resolveSettings(
      { apiKey: KEY, baseUrl: "http://127.0.0.1:4010", timeoutMs: 5, maxRetries: 0, deadlineMs: 9 },
      { AVARA_API_KEY: "sk_live_other", AVARA_BASE_URL: "https://elsewhere.example.com" },
    );

    expect(settings.apiKey).toBe(KEY);
    expect(settings.baseUrl.origin).toBe("http://127.0.0.1:4010");
    expect([settings.timeoutMs, settings.maxRetries, settings.deadlineMs]).toEqual([5, 0, 9]);
  });

  it("keeps a path prefix of the base URL without its trailing slash", () => {
    const baseUrl = "https://proxy.example.com/avara/";
    const settings = resolveSettings({ apiKey: KEY, baseUrl }, {});

    expect(settings.baseUrl.pathname).toBe("/avara");
  });

  const blankKeys = [undefined, "", "   "];
  it.each(blankKeys)("refuses a missing or blank key (%o), naming both ways to set it", (key) => {
    const error = configError(() => resolveSettings({ apiKey: key }, { AVARA_API_KEY: key }));

    expect(error.code).toBe("AVARA_E_CONFIG");
    expect(error.message).toContain("pulumi config set --secret avara:apiKey");
    expect(error.message).toContain("AVARA_API_KEY");
  });

  it.each([
    ["a line break", "sk_live_0123456789abcdef\r\nX-Evil: SECRETTAIL"],
    ["a NUL", "sk_live_0123456789abcdef\u0000SECRETTAIL"],
    ["a tab", "sk_live_0123456789abcdef\tSECRETTAIL"],
    ["a space", "sk_live_0123456789abcdef SECRETTAIL"],
    ["a letter outside ASCII", "sk_live_0123456789abcd\u00e9SECRETTAIL"],
    ["a DEL", "sk_live_0123456789abcdef\u007fSECRETTAIL"],
  ])("refuses a key with %s before any request, without printing it", (_label, key) => {
    const viaOption = configError(() => resolveSettings({ apiKey: key }, {}));
    const viaEnv = configError(() => resolveSettings({}, { AVARA_API_KEY: key }));

    for (const error of [viaOption, viaEnv]) {
      expect(error.code).toBe("AVARA_E_CONFIG");
      expect(error.message).toMatch(/API key .*character/);
      expect(error.message).not.toContain("SECRETTAIL");
      expect(error.message).not.toContain(REDACTED);
      expect(error.message).not.toContain("0123456789abcdef");
    }
  });

  it("registers the key so redaction masks it even in an unusual form", () => {
    const oddKey = "an-unusual-key-0123456789";
    resolveSettings({ apiKey: oddKey }, {});

    expect(redact(`key=${oddKey}`)).toBe("key=***");
  });

  it.each([
    "http://api.avarasoftware.com",
    "http://10.0.0.5:4010",
    "http://[::2]:4010",
    "http://127.example.com",
    "http://evil.localhost:4010",
    "http://api.localhost",
  ])("refuses plain http:// to %s", (baseUrl) => {
    const error = configError(() => resolveSettings({ apiKey: KEY, baseUrl }, {}));

    expect(error.message).toContain("not loopback");
    expect(error.message).toContain("https://");
  });

  const loopbackUrls = [
    "http://127.0.0.1:4010",
    "http://127.9.8.7",
    "http://localhost:4010",
    "http://[::1]:4010",
  ];
  it.each(loopbackUrls)(
    "accepts plain http:// to the loopback address %s",
    (baseUrl) => {
      expect(resolveSettings({ apiKey: KEY, baseUrl }, {}).baseUrl.protocol).toBe("http:");
    },
  );

  const badUrls = ["not a url", "ftp://example.com", "https://user:pass@example.com"];
  it.each(badUrls)("refuses the base URL %o", (baseUrl) => {
    const error = configError(() => resolveSettings({ apiKey: KEY, baseUrl }, {}));

    expect(error.message).toMatch(/base URL/);
    expect(error.message).not.toContain("pass@");
  });

  it.each([
    [{ timeoutMs: 0 }, "timeoutMs"],
    [{ deadlineMs: -1 }, "deadlineMs"],
    [{ timeoutMs: Number.NaN }, "timeoutMs"],
    [{ timeoutMs: 2 ** 31 }, "timeoutMs"],
    [{ deadlineMs: 3e9 }, "deadlineMs"],
    [{ deadlineMs: Number.POSITIVE_INFINITY }, "deadlineMs"],
    [{ timeoutMs: 0.5 }, "timeoutMs"],
    [{ maxRetries: 1.5 }, "maxRetries"],
    [{ maxRetries: -1 }, "maxRetries"],
  ])("refuses %o", (options, name) => {
    const error = configError(() => resolveSettings({ apiKey: KEY, ...options }, {}));

    expect(error.message).toContain(name);
  });

  it("accepts the longest timeout and deadline a Node timer can hold", () => {
    const longestMs = 2_147_483_647;
    const options = { apiKey: KEY, timeoutMs: longestMs, deadlineMs: longestMs };
    const settings = resolveSettings(options, {});

    expect([settings.timeoutMs, settings.deadlineMs]).toEqual([longestMs, longestMs]);
  });

  it("names the allowed range when it refuses a timer that would overflow", () => {
    const error = configError(() => resolveSettings({ apiKey: KEY, timeoutMs: 3e9 }, {}));

    expect(error.message).toContain("from 1 to 2147483647");
  });
});

describe("isLoopbackHost", () => {
  it.each([
    ["127.0.0.1", true],
    ["127.255.255.254", true],
    ["localhost", true],
    ["LOCALHOST", true],
    ["[::1]", true],
    ["::1", true],
    ["128.0.0.1", false],
    ["0.0.0.0", false],
    ["[::]", false],
    ["localhost.example.com", false],
    ["evil.localhost", false],
    ["a.b.localhost", false],
  ])("%s is loopback: %s", (host, expected) => {
    expect(isLoopbackHost(host)).toBe(expected);
  });
});
