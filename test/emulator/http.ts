import type { RunningEmulator } from "../../emulator/src/start-emulator";

/** A response read over real HTTP: status, headers and the parsed JSON body. */
export interface HttpResponse {
  status: number;
  headers: Headers;
  body: any;
}

/** Sends one API request to a running emulator with its key (or `apiKey`), over real HTTP. */
export async function send(
  emulator: RunningEmulator,
  method: string,
  path: string,
  options: { body?: unknown; apiKey?: string } = {},
): Promise<HttpResponse> {
  const headers: Record<string, string> = {
    authorization: `Bearer ${options.apiKey ?? emulator.apiKey}`,
  };

  if (options.body !== undefined) headers["content-type"] = "application/json";

  const response = await fetch(`${emulator.url}${path}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });

  return { status: response.status, headers: response.headers, body: await response.json() };
}

/** The IDs of every customer the emulator's key can list (first 100). */
export async function listedIds(emulator: RunningEmulator): Promise<string[]> {
  const response = await send(emulator, "GET", "/v1/express?limit=100");

  const customers: { expressCustomerId: string }[] = response.body.expressCustomers;

  return customers.map((customer) => customer.expressCustomerId);
}
