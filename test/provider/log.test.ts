import { describe, expect, it } from "vitest";

import { createLogger, LOG_LEVELS, parseLogLevel } from "../../provider/src/log";

const KEY = "sk_live_0123456789abcdef0123456789abcdef";

function captured(options: { level?: string; env?: NodeJS.ProcessEnv } = {}) {
  const lines: string[] = [];
  const sink = { write: (line: string) => lines.push(line) };
  const logger = createLogger({ ...options, env: options.env ?? {}, sink });
  return { logger, lines };
}

function writeAll(logger: ReturnType<typeof createLogger>) {
  logger.error("e");
  logger.warn("w");
  logger.info("i");
  logger.debug("d");
}

describe("createLogger", () => {
  it.each([
    ["off", []],
    ["error", ["error"]],
    ["warn", ["error", "warn"]],
    ["info", ["error", "warn", "info"]],
    ["debug", ["error", "warn", "info", "debug"]],
  ])("at %s writes %o", (level, expected) => {
    const { logger, lines } = captured({ env: { AVARA_LOG: level } });
    writeAll(logger);

    expect(lines.map((line) => line.split(":")[0].replace("pulumi-avara ", ""))).toEqual(expected);
  });

  it("defaults to warn when AVARA_LOG is unset", () => {
    const { logger, lines } = captured();
    writeAll(logger);

    expect(lines).toEqual(["pulumi-avara error: e\n", "pulumi-avara warn: w\n"]);
  });

  it("prefers an explicit level over AVARA_LOG and reads it case-insensitively", () => {
    const { logger, lines } = captured({ level: "DEBUG", env: { AVARA_LOG: "off" } });
    logger.debug("hello");

    expect(lines).toEqual(["pulumi-avara debug: hello\n"]);
  });

  it("warns once, listing the allowed levels, when AVARA_LOG is invalid", () => {
    const { logger, lines } = captured({ env: { AVARA_LOG: "verbose" } });
    logger.info("not shown at warn");

    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('AVARA_LOG="verbose" is not a log level');
    expect(lines[0]).toContain(`Allowed: ${LOG_LEVELS.join(", ")}.`);
  });

  it("redacts messages and details before writing", () => {
    const { logger, lines } = captured({ level: "debug" });
    logger.debug(`using ${KEY}`, { headers: { Authorization: `Bearer ${KEY}` }, note: KEY });

    expect(lines.join("")).not.toContain(KEY);
    expect(lines[0]).toBe(
      'pulumi-avara debug: using *** {"headers":{"Authorization":"***"},"note":"***"}\n',
    );
  });
});

describe("parseLogLevel", () => {
  it.each([
    [undefined, "warn"],
    ["", "warn"],
    ["  info ", "info"],
    ["Off", "off"],
  ])("reads %o as %s", (raw, level) => {
    expect(parseLogLevel(raw)).toEqual({ level });
  });

  it("masks a key typed into AVARA_LOG by mistake", () => {
    expect(parseLogLevel(KEY).warning).not.toContain(KEY);
  });
});
