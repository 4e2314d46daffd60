/**
 * The engine's placeholder for a value not known yet. During preview it reaches `check` and `diff`
 * in place of any input (a whole map, or one entry of it) whatever the declared type
 * (pulumi/pulumi#6310), so code that inspects inputs must test for it first.
 */
import { runtime } from "@pulumi/pulumi";

/** The placeholder string, `04da6b54-80e4-46f7-96ec-b56ff0331ba9`. */
export const UNKNOWN_VALUE: string = runtime.unknownValue;

/** True when `value` is the engine's placeholder for a value not known yet. */
export function isUnknown(value: unknown): boolean {
  return value === UNKNOWN_VALUE;
}
