/**
 * Checks made in the program process, by the `ExpressCustomer` constructor, for what `check` in
 * the provider can never see: a metadata key that Pulumi's serialization drops on the way, and an
 * API key set in stack configuration without `--secret`, which Pulumi would store in state in
 * plain text (in the inputs of the default provider).
 */
import * as pulumi from "@pulumi/pulumi";

import { API_KEY_CONFIG } from "../config-keys";
import { UNSTORABLE_KEY_REASON, unstorableMetadataKeys } from "./metadata-keys";

// `isConfigSecret` is exported at run time by every SDK this package supports, but marked
// internal, so it is missing from the type declarations.
type RuntimeConfig = { isConfigSecret?: (key: string) => boolean };

/**
 * Returns `metadata` unchanged, or throws a {@link pulumi.RunError} (printed without a stack) when
 * it holds a key that Pulumi would drop before the provider sees it (`__proto__`). A map given as
 * an Output or a Promise is checked once its value is known, by an apply or a `then` that the
 * resource's inputs then depend on, so the program fails before anything is created.
 */
export function storableMetadata<T>(resourceName: string, metadata: T): T {
  const check = <V>(value: V): V => {
    const [key] = unstorableMetadataKeys(value);
    if (key === undefined) return value;

    throw new pulumi.RunError(
      `avara.ExpressCustomer "${resourceName}": property metadata.${key} ${UNSTORABLE_KEY_REASON}`,
    );
  };

  if (pulumi.Output.isInstance(metadata)) return metadata.apply(check) as T;
  if (metadata instanceof Promise) return metadata.then(check) as T;

  return check(metadata);
}

/**
 * Throws a {@link pulumi.RunError} when the stack configuration holds `avara:apiKey` in plain
 * text. The message says how to encrypt it and never shows the key.
 */
export function assertApiKeyIsSecret(): void {
  const isConfigSecret = (pulumi.runtime as RuntimeConfig).isConfigSecret;
  if (isConfigSecret === undefined) return;
  if (pulumi.runtime.getConfig(API_KEY_CONFIG) === undefined) return;
  if (isConfigSecret(API_KEY_CONFIG)) return;

  const stackFile = `Pulumi.${pulumi.getStack()}.yaml`;
  throw new pulumi.RunError(
    `${API_KEY_CONFIG} is set in the stack configuration without --secret: Pulumi would store ` +
      `the API key in plain text in this stack's state, and it is in plain text in ${stackFile} ` +
      `now. Encrypt it with \`pulumi config set --secret ${API_KEY_CONFIG} <key>\` (this ` +
      `replaces the plain value in ${stackFile}), or remove it with \`pulumi config rm ` +
      `${API_KEY_CONFIG}\` and set AVARA_API_KEY instead; then re-run. If that file was ever ` +
      "committed or shared, rotate the key in the Avara dashboard.",
  );
}
