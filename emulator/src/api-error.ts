import { redactSecrets } from "./redact";

/** One field that failed validation, with its dot path in the request (D8). */
export interface FieldError {
  path: string;
  message: string;
}

/** The only error body the emulator sends (D8). */
export interface ErrorBody {
  message: string;
  code: string;
  errors?: FieldError[];
}

/**
 * An error answered to the caller as a D8 body. Route code throws it and the server's error
 * handler turns it into the response, so no framework error body can leak. Anything key-like
 * in the message or the field errors is masked, since both may echo what the caller sent.
 */
export class ApiError extends Error {
  override readonly name = "ApiError";
  readonly errors?: FieldError[];

  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    errors?: FieldError[],
    readonly headers: Record<string, string> = {},
  ) {
    super(redactSecrets(message));
    this.errors = errors?.map((error) => ({
      path: redactSecrets(error.path),
      message: redactSecrets(error.message),
    }));
  }

  /** The JSON body for this error. */
  toBody(): ErrorBody {
    const body: ErrorBody = { message: this.message, code: this.code };

    if (this.errors !== undefined) body.errors = this.errors;

    return body;
  }
}

/** The 404 for unknown, malformed and other clinics' customer IDs alike (D9, D10). */
export function customerNotFound(customerId: string): ApiError {
  return new ApiError(
    404,
    "customer_not_found",
    `No Express customer ${JSON.stringify(customerId)} exists for this API ` +
      "key's clinic. " +
      "Check the ID (cus_ followed by 32 lowercase hex digits) and the API key.",
  );
}
