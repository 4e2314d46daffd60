/**
 * The provider's one error family. Every error carries a stable `code` (`AVARA_E_*`) that callers
 * and docs can rely on, and a message naming `METHOD /path`, the status, the server's message and
 * what to do. Messages pass through {@link redact}, so the API key never appears in them.
 */
import { redact } from "./redact";

/** Stable codes of {@link AvaraError}; documented in docs/client.md, never reused. */
export type AvaraErrorCode =
  | "AVARA_E_CONFIG"
  | "AVARA_E_INVALID_INPUT"
  | "AVARA_E_AUTH"
  | "AVARA_E_PERMISSION"
  | "AVARA_E_NOT_FOUND"
  | "AVARA_E_NOT_FOUND_UNCONFIRMED"
  | "AVARA_E_CONFLICT"
  | "AVARA_E_VALIDATION"
  | "AVARA_E_RATE_LIMITED"
  | "AVARA_E_SERVER"
  | "AVARA_E_CONNECTION"
  | "AVARA_E_TIMEOUT"
  | "AVARA_E_UNEXPECTED_RESPONSE"
  | "AVARA_E_AMBIGUOUS_CREATE";

// Symbol.for keys are shared across realms and package copies, so a brand survives when two
// versions of pulumi-avara are loaded (for example the program's and the provider's).
const BRAND = Symbol.for("pulumi-avara/AvaraError");

type ErrorClass<T> = abstract new (...args: never[]) => T;

/** Base of every error the provider throws; `code` is stable, `message` says what to do. */
export class AvaraError extends Error {
  readonly code: AvaraErrorCode;

  declare readonly [BRAND]: readonly string[];

  constructor(code: AvaraErrorCode, message: string, options?: { cause?: unknown }) {
    super(redact(message), options);
    this.code = code;
    this.name = new.target.name;

    // The names of every class in the chain, so `NotFoundError.isInstance` works across copies.
    const names: string[] = [];
    for (let proto = new.target.prototype; proto !== Error.prototype; ) {
      names.push(proto.constructor.name);
      proto = Object.getPrototypeOf(proto);
    }
    Object.defineProperty(this, BRAND, { value: Object.freeze(names), enumerable: false });
  }

  /** True when `e` is an instance of this class, even one made by another copy of the package. */
  static isInstance<T extends AvaraError>(this: ErrorClass<T>, e: unknown): e is T {
    if (typeof e !== "object" || e === null) return false;
    const names = (e as { [BRAND]?: unknown })[BRAND];
    return Array.isArray(names) && names.includes(this.name);
  }
}

/** The provider is misconfigured: a missing or blank API key, or a base URL it refuses. */
export class ConfigurationError extends AvaraError {
  constructor(message: string) {
    super("AVARA_E_CONFIG", message);
  }
}

/** An argument was refused before any request was sent, such as an ID of the wrong form. */
export class InvalidInputError extends AvaraError {
  constructor(message: string) {
    super("AVARA_E_INVALID_INPUT", message);
  }
}

/** What identifies a request in an error: never headers, never the body. */
export interface RequestIdentity {
  method: string;
  path: string;
}

/** Fields of an {@link ApiError}, as {@link apiErrorFromResponse} gathers them. */
export interface ApiErrorInit extends RequestIdentity {
  status: number;
  apiCode: string | null;
  apiMessage: string | null;
  requestId?: string | null;
  retries?: number;
  /** Whether the body was a JSON object, the shape of the API's error bodies. */
  jsonBody?: boolean;
}

/**
 * The server answered with a non-2xx status; subclasses say which kind. Every field the server
 * supplied is already redacted when {@link apiErrorFromResponse} made it.
 */
export class ApiError extends AvaraError {
  readonly status: number;
  readonly method: string;
  readonly path: string;
  readonly apiCode: string | null;
  readonly apiMessage: string | null;
  readonly requestId: string | null;
  readonly retries: number;
  /** True when the body was a JSON object, as the API's are (a proxy's HTML page is not). */
  readonly jsonBody: boolean;

  constructor(code: AvaraErrorCode, init: ApiErrorInit, message: string) {
    super(code, message);
    this.status = init.status;
    this.method = init.method;
    this.path = init.path;
    this.apiCode = init.apiCode;
    this.apiMessage = init.apiMessage;
    this.requestId = init.requestId ?? null;
    this.retries = init.retries ?? 0;
    this.jsonBody = init.jsonBody ?? false;
  }
}

/** 401: the API key is missing, malformed or unknown to the server. */
export class AuthenticationError extends ApiError {}

/** 403: the key is valid but may not do this. */
export class PermissionError extends ApiError {}

/** 404: no such customer or user for this key's clinic. */
export class NotFoundError extends ApiError {}

/** 409: the request conflicts with the current state (a taken name, an inactive customer…). */
export class ConflictError extends ApiError {}

/** One field the server refused, with its dotted path. */
export interface FieldError {
  path: string;
  message: string;
}

/** 400 or 422: the server refused the request's content; `fieldErrors` lists each field. */
export class ValidationError extends ApiError {
  readonly fieldErrors: FieldError[];

  constructor(
    code: AvaraErrorCode,
    init: ApiErrorInit,
    message: string,
    fieldErrors: FieldError[],
  ) {
    super(code, init, message);
    this.fieldErrors = fieldErrors;
  }
}

/** 429, still there after every retry the deadline allowed. */
export class RateLimitError extends ApiError {}

/** 5xx, still there after every retry the deadline allowed. */
export class ServerError extends ApiError {}

/** The connection failed or dropped; `cause` holds the transport's error. */
export class ConnectionError extends AvaraError {
  readonly method: string;
  readonly path: string;

  constructor(request: RequestIdentity, message: string, cause: unknown) {
    super("AVARA_E_CONNECTION", message, { cause });
    this.method = request.method;
    this.path = request.path;
  }
}

/** An attempt ran past its timeout, or the call ran past its deadline. */
export class TimeoutError extends AvaraError {
  readonly method: string;
  readonly path: string;

  constructor(request: RequestIdentity, message: string, options?: { cause?: unknown }) {
    super("AVARA_E_TIMEOUT", message, options);
    this.method = request.method;
    this.path = request.path;
  }
}

/** One schema issue of an {@link UnexpectedResponseError}, in zod's shape. */
export interface ResponseIssue {
  path: PropertyKey[];
  message: string;
  code?: string;
}

/** A 2xx answer whose body does not match the contract; `issues` holds what zod found. */
export class UnexpectedResponseError extends AvaraError {
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly issues: ResponseIssue[];

  constructor(
    request: RequestIdentity & { status: number },
    message: string,
    issues: ResponseIssue[],
  ) {
    super("AVARA_E_UNEXPECTED_RESPONSE", message);
    this.method = request.method;
    this.path = request.path;
    this.status = request.status;
    this.issues = issues;
  }
}

/** A create whose answer was lost matched several customers; none was adopted. */
export class AmbiguousCreateError extends AvaraError {
  readonly candidateIds: string[];
  readonly expressCustomerName: string;

  constructor(expressCustomerName: string, candidateIds: string[]) {
    super(
      "AVARA_E_AMBIGUOUS_CREATE",
      `POST /v1/express: the answer to a create of "${expressCustomerName}" was lost, and ` +
        `${candidateIds.length} customers created since then match it ` +
        `(${candidateIds.join(", ")}), so none was adopted. Deactivate the extras ` +
        "(keep at most one), import the one to keep if you want it, then re-run.",
    );
    this.candidateIds = candidateIds;
    this.expressCustomerName = expressCustomerName;
  }
}

/** A non-2xx answer as the transport saw it; `body` is parsed JSON, raw text or undefined. */
export interface ErrorResponse extends RequestIdentity {
  status: number;
  body: unknown;
  requestId?: string | null;
  retries?: number;
}

type ApiErrorClass = new (code: AvaraErrorCode, init: ApiErrorInit, message: string) => ApiError;

interface StatusRule {
  code: AvaraErrorCode;
  errorClass: ApiErrorClass;
  summary: string;
  advice: string;
}

const KEY_ADVICE =
  "Check `pulumi config set --secret avara:apiKey …` or AVARA_API_KEY, " +
  "and that the key is not revoked.";

// One rule per status the provider branches on (as the official SDKs do); 5xx and the rest follow.
const STATUS_RULES: Record<number, StatusRule> = {
  400: {
    code: "AVARA_E_VALIDATION",
    errorClass: ValidationError as unknown as ApiErrorClass,
    summary: "the server refused the request",
    advice: "Fix the fields it names in your program, then re-run.",
  },
  401: {
    code: "AVARA_E_AUTH",
    errorClass: AuthenticationError,
    summary: "the API key was rejected",
    advice: KEY_ADVICE,
  },
  403: {
    code: "AVARA_E_PERMISSION",
    errorClass: PermissionError,
    summary: "the API key may not do this",
    advice: "Use a key of the clinic that owns the customer, or ask the account owner for access.",
  },
  404: {
    code: "AVARA_E_NOT_FOUND",
    errorClass: NotFoundError,
    summary: "not found for this API key's clinic",
    advice:
      "Check the ID and that the key belongs to the clinic that owns it; " +
      "if it was removed out of band, run `pulumi refresh`.",
  },
  409: {
    code: "AVARA_E_CONFLICT",
    errorClass: ConflictError,
    summary: "the request conflicts with the customer's current state",
    advice:
      "Resolve what the server names (for example reactivate the customer, " +
      "or choose another name), then re-run.",
  },
  429: {
    code: "AVARA_E_RATE_LIMITED",
    errorClass: RateLimitError,
    summary: "rate limited",
    advice: "Lower the parallelism (`pulumi up --parallel 4`) or wait a minute, then re-run.",
  },
};
STATUS_RULES[413] = {
  ...STATUS_RULES[400],
  summary: "the request was too large for the server",
  advice:
    "The Avara API takes at most 50 metadata pairs, keys up to 100 characters and values up " +
    "to 1000: shorten the name or the metadata in your program, then re-run.",
};
STATUS_RULES[422] = STATUS_RULES[400];

const SERVER_RULE: StatusRule = {
  code: "AVARA_E_SERVER",
  errorClass: ServerError,
  summary: "the Avara API failed",
  advice: "Re-run later; if it persists, contact Avara support with the time and request ID.",
};

const OTHER_RULE: StatusRule = {
  code: "AVARA_E_UNEXPECTED_RESPONSE",
  errorClass: ApiError,
  summary: "unexpected status",
  advice: "Check that the base URL (avara:baseUrl or AVARA_BASE_URL) points at the Avara API.",
};

function ruleFor(status: number): StatusRule {
  return STATUS_RULES[status] ?? (status >= 500 ? SERVER_RULE : OTHER_RULE);
}

function retriesNote(retries: number): string {
  if (retries === 0) return "";
  return ` after ${retries} ${retries === 1 ? "retry" : "retries"}`;
}

function stringField(body: unknown, key: string): string | null {
  if (typeof body !== "object" || body === null) return null;
  const value = (body as Record<string, unknown>)[key];
  return typeof value === "string" && value.length > 0 ? value : null;
}

function fieldErrorsOf(body: unknown): FieldError[] {
  if (typeof body !== "object" || body === null) return [];
  const errors = (body as { errors?: unknown }).errors;
  if (!Array.isArray(errors)) return [];

  return errors.flatMap((item: unknown) => {
    const path = stringField(item, "path") ?? "";
    const message = stringField(item, "message");
    return message === null ? [] : [{ path, message }];
  });
}

// A short excerpt of a non-JSON body, so an HTML error page from a proxy still explains itself.
// Redacted before it is cut: a cut through a secret would leave a head no pattern recognises.
function textExcerpt(body: unknown): string | null {
  if (typeof body !== "string") return null;
  const text = redact(body).replace(/\s+/g, " ").trim();
  if (text.length === 0) return null;
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

/**
 * The one factory choosing the {@link ApiError} subclass for a non-2xx answer, and writing its
 * message: status, `METHOD /path`, the server's message and what to do, never the key. Every
 * field taken from the answer (message, code, field errors, request ID, a cursor in the path) is
 * redacted here, once, since a server may echo the key anywhere.
 */
export function apiErrorFromResponse(response: ErrorResponse): ApiError {
  const { status, method, body } = response;
  const retries = response.retries ?? 0;
  const rule = ruleFor(status);
  const { path, apiMessage, apiCode, requestId, fieldErrors } = redact({
    path: response.path,
    apiMessage: stringField(body, "message") ?? textExcerpt(body),
    apiCode: stringField(body, "code"),
    requestId: response.requestId ?? null,
    fieldErrors: fieldErrorsOf(body),
  });

  const server = apiMessage === null ? " (no message from the server)" : `: "${apiMessage}"`;
  const code = apiCode === null ? "" : ` [${apiCode}]`;
  const fields =
    fieldErrors.length === 0
      ? ""
      : ` Fields: ${fieldErrors.map((f) => `${f.path || "(body)"}: ${f.message}`).join("; ")}.`;
  const requestNote = requestId ? ` Request ID: ${requestId}.` : "";
  const message =
    `${status} from ${method} ${path}: ${rule.summary}${retriesNote(retries)}${server}${code}.` +
    `${fields} ${rule.advice}${requestNote}`;

  const jsonBody = typeof body === "object" && body !== null && !Array.isArray(body);
  const init = { status, method, path, apiCode, apiMessage, requestId, retries, jsonBody };
  if (rule.errorClass === (ValidationError as unknown)) {
    return new ValidationError(rule.code, init, message, fieldErrors);
  }
  return new rule.errorClass(rule.code, init, message);
}
