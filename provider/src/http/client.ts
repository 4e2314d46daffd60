/**
 * {@link createAvaraClient}: the HTTP client every call of the provider goes through.
 */
import type { AvaraClient, AvaraClientOptions } from "./types";

/** Creates a client from explicit options, falling back to `AVARA_BASE_URL` and `AVARA_API_KEY`. */
export function createAvaraClient(options: AvaraClientOptions = {}): AvaraClient {
  // TODO(#4): the implementation lands in the next commits; this stub fixes the surface.
  void options;
  throw new Error("createAvaraClient is not implemented yet");
}
