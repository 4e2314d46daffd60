/**
 * The provider's levelled logger. Library code never calls `console`: it writes to a
 * {@link Logger}, by default one on stderr whose level comes from `AVARA_LOG`.
 */
import { redact } from "./redact";

/** Levels from quietest to loudest; `off` silences everything. */
export const LOG_LEVELS = ["off", "error", "warn", "info", "debug"] as const;

/** One of {@link LOG_LEVELS}. */
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Where the provider writes; `details` are structured and must already be safe to print. */
export interface Logger {
  error(message: string, details?: Record<string, unknown>): void;
  warn(message: string, details?: Record<string, unknown>): void;
  info(message: string, details?: Record<string, unknown>): void;
  debug(message: string, details?: Record<string, unknown>): void;
  /** Whether `level` is written; callers skip building costly details when it is not. */
  isLevelEnabled?(level: Exclude<LogLevel, "off">): boolean;
}

/** The level used when `AVARA_LOG` is unset or invalid. */
export const DEFAULT_LOG_LEVEL: LogLevel = "warn";

/** A writable that takes one line at a time, such as `process.stderr`. */
export interface LineSink {
  write(chunk: string): unknown;
}

/** Options of {@link createLogger}. */
export interface CreateLoggerOptions {
  /** Explicit level; else `AVARA_LOG`; else {@link DEFAULT_LOG_LEVEL}. */
  level?: string;
  /** Where lines go; default `process.stderr`. */
  sink?: LineSink;
  /** Environment to read `AVARA_LOG` from; default `process.env`. */
  env?: NodeJS.ProcessEnv;
}

function isLogLevel(value: string): value is LogLevel {
  return (LOG_LEVELS as readonly string[]).includes(value);
}

/**
 * Parses a level name, case-insensitively. Returns the default and a warning listing the allowed
 * values when `raw` is not one of them.
 */
export function parseLogLevel(raw: string | undefined): { level: LogLevel; warning?: string } {
  if (raw === undefined || raw.trim() === "") return { level: DEFAULT_LOG_LEVEL };
  const normalised = raw.trim().toLowerCase();
  if (isLogLevel(normalised)) return { level: normalised };

  return {
    level: DEFAULT_LOG_LEVEL,
    warning:
      `AVARA_LOG=${JSON.stringify(redact(raw))} is not a log level, ` +
      `so "${DEFAULT_LOG_LEVEL}" is used. ` +
      `Allowed: ${LOG_LEVELS.join(", ")}.`,
  };
}

function formatLine(level: LogLevel, message: string, details?: Record<string, unknown>): string {
  const suffix = details === undefined ? "" : ` ${JSON.stringify(redact(details))}`;
  return `pulumi-avara ${level}: ${redact(message)}${suffix}\n`;
}

/**
 * A logger writing one redacted line per entry to `sink` at `level` and above. An invalid level
 * gives one warning on the sink (unless the level is `off`).
 */
export function createLogger(options: CreateLoggerOptions = {}): Logger {
  const env = options.env ?? process.env;
  const sink = options.sink ?? process.stderr;
  const { level, warning } = parseLogLevel(options.level ?? env.AVARA_LOG);
  const threshold = LOG_LEVELS.indexOf(level);

  const write = (at: Exclude<LogLevel, "off">) => {
    const enabled = threshold >= LOG_LEVELS.indexOf(at);
    return (message: string, details?: Record<string, unknown>): void => {
      if (enabled) sink.write(formatLine(at, message, details));
    };
  };

  const logger: Logger = {
    error: write("error"),
    warn: write("warn"),
    info: write("info"),
    debug: write("debug"),
    isLevelEnabled: (at) => threshold >= LOG_LEVELS.indexOf(at),
  };
  if (warning !== undefined) logger.warn(warning);
  return logger;
}

let defaultLogger: Logger | undefined;

/** The process-wide stderr logger, created on first use from `AVARA_LOG`. */
export function getDefaultLogger(): Logger {
  defaultLogger ??= createLogger();
  return defaultLogger;
}

/** A logger that drops everything, for callers that want silence. */
export const silentLogger: Logger = {
  error: () => undefined,
  warn: () => undefined,
  info: () => undefined,
  debug: () => undefined,
  isLevelEnabled: () => false,
};
