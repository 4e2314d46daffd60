/**
 * `diff`: compares the customer in state with the program's inputs, field by field. Only the
 * name, the metadata and `isActive` count, never `__provider`, so a new release of this package
 * causes no update (pulumi/pulumi#12401). Every field updates in place: nothing replaces.
 */
import type * as pulumi from "@pulumi/pulumi";

import { INPUT_NAMES } from "./input-schema";
import { type LooseInputs, normaliseInputs } from "./inputs";
import { sameMetadataValue } from "./metadata";
import { storedState } from "./outputs";

/**
 * The inputs whose desired value differs from the customer in state. `olds` are the stored
 * outputs; `news` are checked inputs, where the unknown placeholder always differs.
 */
export function changedInputs(
  olds: Record<string, unknown>,
  news: LooseInputs,
): (typeof INPUT_NAMES)[number][] {
  const current = normaliseInputs(storedState(olds));
  const desired = normaliseInputs(news);

  return INPUT_NAMES.filter((input) =>
    input === "metadata"
      ? !sameMetadataValue(current.metadata, desired.metadata)
      : current[input] !== desired[input],
  );
}

/** The diff the engine sees: a change when any input differs, and never a replacement. */
export function diffCustomer(
  olds: Record<string, unknown>,
  news: LooseInputs,
): pulumi.dynamic.DiffResult {
  return { changes: changedInputs(olds, news).length > 0 };
}
