/**
 * Client-side checks of IDs, made before a request is sent: the API answers a malformed ID with
 * the same 404 as an unknown one (docs/api-contract.md, D10), which would hide a typo.
 */
import { InvalidInputError } from "../errors";

/** The form of an Express customer ID: `cus_` and 32 lowercase hex digits. */
export const CUSTOMER_ID_PATTERN = /^cus_[0-9a-f]{32}$/;

/** The form of a user ID: `usr_` and 32 lowercase hex digits. */
export const USER_ID_PATTERN = /^usr_[0-9a-f]{32}$/;

function describe(value: unknown): string {
  if (typeof value !== "string") return `a ${value === null ? "null" : typeof value}`;
  return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
}

/** Returns `id` when it is a customer ID; throws {@link InvalidInputError} naming the form. */
export function assertCustomerId(id: unknown): string {
  if (typeof id === "string" && CUSTOMER_ID_PATTERN.test(id)) return id;
  throw new InvalidInputError(
    `${describe(id)} is not an Express customer ID: expected "cus_" followed by 32 lowercase ` +
      "hex digits (cus_0123456789abcdef0123456789abcdef). Use the expressCustomerId the API " +
      "returned.",
  );
}

/** Returns `id` when it is a user ID; throws {@link InvalidInputError} naming the form. */
export function assertUserId(id: unknown): string {
  if (typeof id === "string" && USER_ID_PATTERN.test(id)) return id;
  throw new InvalidInputError(
    `${describe(id)} is not a user ID: expected "usr_" followed by 32 lowercase hex digits ` +
      "(usr_0123456789abcdef0123456789abcdef). Copy it from the Avara dashboard or the users API.",
  );
}
