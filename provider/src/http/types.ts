/**
 * The client's public surface: the Express customer as the provider sees it, the requests it
 * sends, and {@link AvaraClient}. The resource code builds on these types only.
 */
import type { Logger } from "../log";

/** An Express customer as the provider sees it: absent and null fields normalised. */
export interface ExpressCustomer {
  expressCustomerId: string;
  expressCustomerName: string;
  isActive: boolean;
  /** Absent, null and `{}` in the answer all become `{}`. */
  metadata: Record<string, string>;
  createdAt: string | null;
  updatedAt: string | null;
  userCount: number;
  createdByApiKeyId: string | null;
  createdByUserId: string | null;
}

/** The body of `POST /v1/express`. */
export interface CreateCustomerRequest {
  expressCustomerName: string;
  metadata?: Record<string, string>;
}

/** The body of `PATCH /v1/express/{id}`: send the full desired state (`null` clears metadata). */
export interface UpdateCustomerRequest {
  expressCustomerName?: string;
  metadata?: Record<string, string> | null;
}

/** One page of `GET /v1/express`; `cursor` is null on the last page. */
export interface CustomerPage {
  customers: ExpressCustomer[];
  hasMore: boolean;
  cursor: string | null;
}

/** The answer of adding or removing a user. */
export interface MembershipResult {
  success: boolean;
  message: string | null;
}

/** Settings of {@link AvaraClient}; every one has a default or an environment fallback. */
export interface AvaraClientOptions {
  /** Else `AVARA_BASE_URL`, else `https://api.avarasoftware.com`. */
  baseUrl?: string;
  /** Else `AVARA_API_KEY`. */
  apiKey?: string;
  /** Per attempt; default 30 000. A whole number from 1 to 2 147 483 647 (a Node timer's limit). */
  timeoutMs?: number;
  /** Default 5. */
  maxRetries?: number;
  /** The whole call including retries; default 60 000. Same range as `timeoutMs`. */
  deadlineMs?: number;
  /** Default: the `AVARA_LOG`-levelled stderr logger. */
  logger?: Logger;
}

/** The 8 Express endpoints, with retries, reconciliation of lost creates and typed errors. */
export interface AvaraClient {
  /** The base URL every call goes to, for messages; it never carries credentials. */
  readonly baseUrl: string;
  createCustomer(request: CreateCustomerRequest): Promise<ExpressCustomer>;
  retrieveCustomer(id: string): Promise<ExpressCustomer>;
  updateCustomer(id: string, request: UpdateCustomerRequest): Promise<ExpressCustomer>;
  listCustomers(params?: { cursor?: string; limit?: number }): Promise<CustomerPage>;
  listAllCustomers(): AsyncIterable<ExpressCustomer>;
  deactivateCustomer(id: string): Promise<ExpressCustomer>;
  reactivateCustomer(id: string): Promise<ExpressCustomer>;
  addUser(id: string, userId: string): Promise<MembershipResult>;
  removeUser(id: string, userId: string): Promise<MembershipResult>;
}
