const API_KEY_LIKE = /sk_live_[A-Za-z0-9]*/g;

/**
 * Masks anything that looks like an API key in text that is logged or echoed back, such as a
 * path a caller typed a key into by mistake.
 */
export function redactSecrets(text: string): string {
  return text.replace(API_KEY_LIKE, "sk_live_***");
}
