/**
 * Metadata keys that cannot be stored. `JSON.parse` keeps a `__proto__` key as an own property,
 * but setting it on a plain object changes the object's prototype instead: zod, Pulumi's
 * serialization and the JSON body would all drop it without a word, and the customer would lack
 * a key the program declares. Such keys are refused instead.
 */

/** Why a key that cannot be stored is refused, and what to do. */
export const UNSTORABLE_KEY_REASON =
  "is a metadata key a JavaScript object cannot hold as data (setting it changes the object " +
  "instead), so it would be dropped on its way to the Avara API: rename the key.";

// Tried rather than listed, so any key with this trait is caught, not only the ones known today.
function survivesPlainObject(key: string): boolean {
  const copy: Record<string, string> = {};
  copy[key] = "";

  return Object.hasOwn(copy, key) && Object.hasOwn(JSON.parse(JSON.stringify(copy)), key);
}

/** The keys of `metadata`, when it is a map, that would not survive a plain object or JSON. */
export function unstorableMetadataKeys(metadata: unknown): string[] {
  if (typeof metadata !== "object" || metadata === null || Array.isArray(metadata)) return [];

  return Object.keys(metadata).filter((key) => !survivesPlainObject(key));
}
