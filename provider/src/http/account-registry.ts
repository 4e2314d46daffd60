/**
 * What this process knows per Avara account (base URL and key): the customer IDs its calls
 * returned or were asked about, the key's own `createdByApiKeyId` once a create was answered, and
 * one queue per customer name so that creates of the same name run one at a time.
 */
import { createHash } from "node:crypto";

/** Per-account state shared by every client of the process that uses the same key and URL. */
export class AccountRegistry {
  readonly #knownIds = new Set<string>();
  readonly #nameQueues = new Map<string, Promise<unknown>>();
  #apiKeyId: string | undefined;

  /** Marks customer IDs as belonging to something this process already handled. */
  markKnown(...ids: string[]): void {
    for (const id of ids) this.#knownIds.add(id);
  }

  /** True when a call of this process returned `id` or was asked about it. */
  isKnown(id: string): boolean {
    return this.#knownIds.has(id);
  }

  /** The key's `createdByApiKeyId`, learned from a create that got its answer. */
  get apiKeyId(): string | undefined {
    return this.#apiKeyId;
  }

  /** Learns the key's ID from the answer to one of its own creates. */
  learnApiKeyId(id: string | null): void {
    if (id !== null && id !== "") this.#apiKeyId ??= id;
  }

  /** Runs `task` after every earlier task for the same `name` has settled. */
  async serialiseByName<T>(name: string, task: () => Promise<T>): Promise<T> {
    const previous = this.#nameQueues.get(name) ?? Promise.resolve();
    const current = previous.then(task, task);
    const settled = current.catch(() => undefined);
    this.#nameQueues.set(name, settled);

    try {
      return await current;
    } finally {
      // Drop the entry once the queue is empty, so the map does not grow with every name.
      if (this.#nameQueues.get(name) === settled) this.#nameQueues.delete(name);
    }
  }
}

const registries = new Map<string, AccountRegistry>();

/** The registry of one account; the key is only hashed, never stored. */
export function accountRegistryFor(baseUrl: URL, apiKey: string): AccountRegistry {
  const fingerprint = createHash("sha256").update(`${baseUrl.href}\n${apiKey}`).digest("hex");
  let registry = registries.get(fingerprint);
  if (registry === undefined) {
    registry = new AccountRegistry();
    registries.set(fingerprint, registry);
  }
  return registry;
}
