/**
 * `diff`: compares the customer in state with the program's inputs, field by field. Only the
 * name, the metadata and `isActive` count, never `__provider`, so a new release of this package
 * causes no update (pulumi/pulumi#12401). They update in place; only pointing `adoptExistingId`
 * at another customer replaces the resource.
 */
import type * as pulumi from "@pulumi/pulumi";

import { UPDATABLE_INPUTS } from "./input-schema";
import { type LooseInputs, normaliseInputs } from "./inputs";
import { sameMetadataValue } from "./metadata";
import { type StoredOutputs, storedState } from "./outputs";

/**
 * The inputs whose desired value differs from the customer in state. `olds` are the stored
 * outputs; `news` are checked inputs, where the unknown placeholder always differs.
 */
export function changedInputs(
  olds: StoredOutputs,
  news: LooseInputs,
): (typeof UPDATABLE_INPUTS)[number][] {
  const current = normaliseInputs(storedState(olds));
  const desired = normaliseInputs(news);

  return UPDATABLE_INPUTS.filter((input) =>
    input === "metadata"
      ? !sameMetadataValue(current.metadata, desired.metadata)
      : current[input] !== desired[input],
  );
}

/**
 * True when `news` asks to adopt a customer other than the one in state. Left out, it asks for
 * nothing: an adopted customer stays when the program stops naming it.
 */
export function adoptsAnotherCustomer(olds: StoredOutputs, news: LooseInputs): boolean {
  const adopt = news.adoptExistingId;

  return adopt !== undefined && adopt !== null && adopt !== olds.expressCustomerId;
}

/** The diff the engine sees: a change when any input differs, a replacement only to adopt. */
export function diffCustomer(olds: StoredOutputs, news: LooseInputs): pulumi.dynamic.DiffResult {
  if (adoptsAnotherCustomer(olds, news)) return { changes: true, replaces: ["adoptExistingId"] };

  return { changes: changedInputs(olds, news).length > 0 };
}
