import type { ErrorBody } from "./api-error";
import type { FaultSpec } from "./faults/fault-spec";
import type { EmulatorStats } from "./stats";

/** A key created through the admin API. The secret is shown once; treat it as such. */
export interface CreatedKey {
  apiKey: string;
  apiKeyId: string;
  clinic: string;
}

/** Thrown by {@link AdminClient} when the admin API answers with an error. */
export class EmulatorAdminError extends Error {
  override readonly name = "EmulatorAdminError";

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** A typed client of the emulator's admin API (`/_emulator/*`), over real HTTP. */
export class AdminClient {
  constructor(
    private readonly baseUrl: string,
    private readonly adminToken: string,
  ) {}

  /** Creates an API key, in `clinic` or the emulator's default clinic. */
  createKey(clinic?: string): Promise<CreatedKey> {
    return this.call("POST", "/_emulator/keys", clinic === undefined ? {} : { clinic });
  }

  /** Seeds users: the given IDs, plus `count` generated ones; resolves to all of their IDs. */
  async seedUsers(options: { userIds?: string[]; count?: number } = {}): Promise<string[]> {
    const result = await this.call<{ userIds: string[] }>("POST", "/_emulator/users", options);

    return result.userIds;
  }

  /** Replaces the active fault spec (counters and seeded draws restart) and returns it. */
  setFaults(spec: FaultSpec): Promise<FaultSpec> {
    return this.call("PUT", "/_emulator/faults", spec);
  }

  /** Removes every fault. */
  clearFaults(): Promise<FaultSpec> {
    return this.setFaults({});
  }

  /** Customers per clinic, requests per route and status, and creates received. */
  stats(): Promise<EmulatorStats> {
    return this.call("GET", "/_emulator/stats");
  }

  /** Removes customers, users, counters and faults; keys are kept. */
  async reset(): Promise<void> {
    await this.call("POST", "/_emulator/reset");
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(new URL(path, this.baseUrl), {
      method,
      headers: {
        authorization: `Bearer ${this.adminToken}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const parsed = (await response.json()) as T | ErrorBody;

    if (!response.ok) {
      const error = parsed as ErrorBody;
      const message = `${method} ${path}: ${error.message}`;
      throw new EmulatorAdminError(response.status, error.code, message);
    }

    return parsed as T;
  }
}
