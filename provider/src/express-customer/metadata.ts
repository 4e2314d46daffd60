/**
 * Metadata comparison that tolerates the unknown placeholder and state written by any release:
 * absent, null and `{}` are the same map, and a value that is not a map differs from every map.
 */
import { sameMetadata } from "../http/schemas";

function isStringMap(value: unknown): value is Record<string, string> {
  return (
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    Object.values(value).every((item) => typeof item === "string")
  );
}

/** True when `left` and `right` hold the same pairs; null and absent count as `{}`. */
export function sameMetadataValue(left: unknown, right: unknown): boolean {
  const a = left ?? {};
  const b = right ?? {};

  if (isStringMap(a) && isStringMap(b)) return sameMetadata(a, b);

  return a === b;
}
