// A deliberately small Avara client written from the contract (docs/api-contract.md)
// only, the way an SDK would call the API. It shares no code with the emulator, so the
// conformance suite checks the emulator against the document rather than against itself.

/** One HTTP exchange: what came back, unparsed headers included. */
export interface Exchange<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

/** The customer object. */
export interface ExpressCustomer {
  createdAt?: string | null;
  expressCustomerId: string;
  expressCustomerName: string;
  isActive: boolean;
  updatedAt?: string | null;
  userCount: number;
  createdByApiKeyId?: string;
  createdByUserId?: string | null;
  metadata?: Record<string, string>;
}

/** The list page. */
export interface ExpressCustomerPage {
  expressCustomers: ExpressCustomer[];
  hasMore: boolean;
  cursor?: string | null;
}

/** The body of create. */
export interface CreateBody {
  expressCustomerName: string;
  metadata?: Record<string, string>;
}

/** The standard success response of the users subresource. */
export interface SuccessResponse {
  success: boolean;
  message?: string;
}

/** Calls the 8 endpoints with the headers the official SDKs send. */
export class ContractClient {
  constructor(
    readonly baseUrl: string,
    private readonly apiKey: string | undefined,
  ) {}

  /** `POST /v1/express`. */
  create(body: CreateBody): Promise<Exchange<ExpressCustomer>> {
    return this.request("POST", "/v1/express", body);
  }

  /** `GET /v1/express/{id}`. */
  retrieve(id: string): Promise<Exchange<ExpressCustomer>> {
    return this.request("GET", `/v1/express/${encodeURIComponent(id)}`);
  }

  /** `PATCH /v1/express/{id}`; with no argument it sends `{}` like the TS SDK. */
  update(id: string, body: Record<string, unknown> = {}): Promise<Exchange<ExpressCustomer>> {
    return this.request("PATCH", `/v1/express/${encodeURIComponent(id)}`, body);
  }

  /** `GET /v1/express`. */
  list(
    query: { cursor?: string; limit?: number | string } = {},
  ): Promise<Exchange<ExpressCustomerPage>> {
    const params = new URLSearchParams();

    if (query.cursor !== undefined) params.set("cursor", query.cursor);

    if (query.limit !== undefined) params.set("limit", String(query.limit));

    const search = params.size > 0 ? `?${params}` : "";
    return this.request("GET", `/v1/express${search}`);
  }

  /** `POST /v1/express/{id}/deactivate`: no body, no Content-Type. */
  deactivate(id: string): Promise<Exchange<ExpressCustomer>> {
    return this.request("POST", `/v1/express/${encodeURIComponent(id)}/deactivate`);
  }

  /** `POST /v1/express/{id}/reactivate`: no body, no Content-Type. */
  reactivate(id: string): Promise<Exchange<ExpressCustomer>> {
    return this.request("POST", `/v1/express/${encodeURIComponent(id)}/reactivate`);
  }

  /** `POST /v1/express/{id}/users`. */
  addUser(id: string, userId: string): Promise<Exchange<SuccessResponse>> {
    return this.request("POST", `/v1/express/${encodeURIComponent(id)}/users`, { userId });
  }

  /** `DELETE /v1/express/{id}/users`, with its JSON body. */
  removeUser(id: string, userId: string): Promise<Exchange<SuccessResponse>> {
    return this.request("DELETE", `/v1/express/${encodeURIComponent(id)}/users`, { userId });
  }

  /**
   * Every page, following the TypeScript SDK rule: stop when `hasMore` is false,
   * otherwise continue while the page has items and a truthy cursor.
   */
  listAllLikeTypeScript(limit?: number): Promise<ExpressCustomer[]> {
    return this.listAll(limit, (page) => page.hasMore !== false && Boolean(page.cursor));
  }

  /** Every page by the Java/C# rule: ignore `hasMore`, go on while a cursor exists. */
  listAllLikeJava(limit?: number): Promise<ExpressCustomer[]> {
    // An empty string still counts as a cursor here, exactly as in the Java SDK.
    return this.listAll(limit, (page) => typeof page.cursor === "string");
  }

  private async listAll(
    limit: number | undefined,
    hasNextPage: (page: ExpressCustomerPage) => boolean,
    maxPages = 50,
  ): Promise<ExpressCustomer[]> {
    const all: ExpressCustomer[] = [];
    let cursor: string | undefined;

    for (let page = 0; page < maxPages; page += 1) {
      const { body } = await this.list({ cursor, limit });
      all.push(...body.expressCustomers);

      // Both SDK rules also stop on an empty page.
      if (body.expressCustomers.length === 0 || !hasNextPage(body)) return all;

      cursor = body.cursor ?? undefined;
    }

    throw new Error(`pagination did not end within ${maxPages} pages`);
  }

  /** Sends any request with the SDK headers; for paths the contract says do not exist. */
  async request(method: string, path: string, body?: unknown): Promise<Exchange> {
    const headers: Record<string, string> = {
      accept: "application/json",
      "user-agent": "Avara/JS 0.2.0 (conformance)",
      "x-stainless-lang": "js",
      "x-stainless-retry-count": "0",
      "x-stainless-timeout": "60",
    };

    if (this.apiKey !== undefined) headers.authorization = `Bearer ${this.apiKey}`;

    if (body !== undefined) headers["content-type"] = "application/json";

    const response = await fetch(new URL(path, this.baseUrl), {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();

    const parsed: unknown = text === "" ? undefined : JSON.parse(text);

    return { status: response.status, headers: response.headers, body: parsed };
  }
}
