/**
 * The stable code at the end of every message the engine prints for us, so that a user can look
 * the failure up in the error catalogue (docs/express-customer.md) without reading a stack trace.
 */

/**
 * Appends ` [AVARA_E_…]` to the message, and to the init-failure reasons, of an error that
 * carries one of our codes, and returns the same error object: its class, `id` and outputs stay.
 * Other errors come back untouched; labelling twice adds nothing.
 */
export function labelWithErrorCode<T>(error: T): T {
  if (!(error instanceof Error)) return error;

  const code = (error as { code?: unknown }).code;
  if (typeof code !== "string" || !code.startsWith("AVARA_E_")) return error;

  const label = ` [${code}]`;
  if (!error.message.endsWith(label)) error.message += label;

  const reasons = (error as { reasons?: unknown }).reasons;
  if (Array.isArray(reasons) && typeof reasons[0] === "string" && !reasons[0].endsWith(label)) {
    reasons[0] += label;
  }

  return error;
}

/** Runs one provider operation, labelling whatever it throws with {@link labelWithErrorCode}. */
export async function withErrorCodes<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    throw labelWithErrorCode(error);
  }
}
