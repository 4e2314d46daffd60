import { describe, expect, it } from "vitest";

import { AccountRegistry } from "../../../provider/src/http/account-registry";
import {
  selectCandidates,
  SKEW_ALLOWANCE_MS,
  UNKNOWN_OFFSET_ALLOWANCE_MS,
  type CandidateQuery,
} from "../../../provider/src/http/reconcile";
import type { ExpressCustomer } from "../../../provider/src/http/types";

const OUR_KEY = "11111111-1111-4111-8111-111111111111";
const OTHER_KEY = "22222222-2222-4222-8222-222222222222";
const STARTED_AT = Date.parse("2026-12-04T12:00:00.000Z");

let counter = 0;
function customer(overrides: Partial<ExpressCustomer> = {}): ExpressCustomer {
  counter += 1;
  return {
    expressCustomerId: `cus_${counter.toString(16).padStart(32, "0")}`,
    expressCustomerName: "City Radiology",
    isActive: true,
    metadata: { region: "north" },
    createdAt: new Date(STARTED_AT + 200).toISOString(),
    updatedAt: null,
    userCount: 0,
    createdByApiKeyId: OUR_KEY,
    createdByUserId: null,
    ...overrides,
  };
}

function query(overrides: Partial<CandidateQuery> = {}): CandidateQuery {
  const account = new AccountRegistry();
  account.learnApiKeyId(OUR_KEY);
  return {
    request: { expressCustomerName: "City Radiology", metadata: { region: "north" } },
    requestStartedAt: STARTED_AT,
    minServerOffsetMs: 0,
    account,
    statedActive: () => true,
    ...overrides,
  };
}

const ids = (list: { expressCustomerId: string }[]) => list.map((c) => c.expressCustomerId);

describe("selectCandidates", () => {
  it("keeps the customer the lost create made", () => {
    const made = customer();

    expect(ids(selectCandidates([made], query()).candidates)).toEqual([made.expressCustomerId]);
  });

  it.each<[string, Partial<ExpressCustomer>, string]>([
    ["another name", { expressCustomerName: "City Radiology 2" }, "other name"],
    ["other metadata", { metadata: { region: "south" } }, "other metadata"],
    ["extra metadata", { metadata: { region: "north", tier: "a" } }, "other metadata"],
    ["an inactive twin", { isActive: false }, "inactive"],
    [
      "a customer created well before the request",
      { createdAt: new Date(STARTED_AT - SKEW_ALLOWANCE_MS - 1).toISOString() },
      "created before the request started",
    ],
    ["no createdAt", { createdAt: null }, "no createdAt to compare"],
    [
      "no creating key",
      { createdByApiKeyId: null },
      "no createdByApiKeyId (not made by an API key)",
    ],
    ["another key of the clinic", { createdByApiKeyId: OTHER_KEY }, "created by another API key"],
  ])("passes over %s", (_name, overrides, reason) => {
    const selection = selectCandidates([customer(overrides)], query());

    expect(selection.candidates).toEqual([]);
    expect(selection.rejected.map((r) => r.reason)).toEqual(
      overrides.expressCustomerName === undefined ? [reason] : [],
    );
  });

  it("passes over a customer whose answer did not say isActive: true outright", () => {
    const unstated = customer();
    const q = query({ statedActive: (id) => id !== unstated.expressCustomerId });

    expect(selectCandidates([unstated], q).rejected).toEqual([
      { expressCustomerId: unstated.expressCustomerId, reason: "isActive not given as true" },
    ]);
  });

  it("passes over a customer already known to this process", () => {
    const known = customer();
    const q = query();
    q.account.markKnown(known.expressCustomerId);

    expect(selectCandidates([known], q).rejected).toEqual([
      { expressCustomerId: known.expressCustomerId, reason: "already known to this process" },
    ]);
  });

  it("accepts a customer stamped within the skew allowance before the start", () => {
    const createdAt = new Date(STARTED_AT - SKEW_ALLOWANCE_MS + 1).toISOString();
    const early = customer({ createdAt });

    expect(selectCandidates([early], query()).candidates).toHaveLength(1);
  });

  it("compares in server time, using the clock offset", () => {
    // The server runs a minute ahead: a customer stamped 30 s after our start predates the request.
    const stamped = customer({ createdAt: new Date(STARTED_AT + 30_000).toISOString() });
    const selection = selectCandidates([stamped], query({ minServerOffsetMs: 60_000 }));

    expect(selection.candidates).toEqual([]);
    expect(selection.earliestCreatedAt).toBe(STARTED_AT + 60_000 - SKEW_ALLOWANCE_MS);
  });

  it("widens the allowance when the offset is unknown", () => {
    const selection = selectCandidates([], query({ minServerOffsetMs: undefined }));

    expect(selection.earliestCreatedAt).toBe(STARTED_AT - UNKNOWN_OFFSET_ALLOWANCE_MS);
  });

  it("accepts any creating key while this key's ID is unknown, but not a missing one", () => {
    const q = query({ account: new AccountRegistry() });
    const other = customer({ createdByApiKeyId: OTHER_KEY });
    const dashboard = customer({ createdByApiKeyId: null, createdByUserId: "usr_1" });

    const { candidates } = selectCandidates([other, dashboard], q);

    expect(ids(candidates)).toEqual([other.expressCustomerId]);
  });

  it("treats absent and empty metadata in the request as the same", () => {
    const bare = customer({ metadata: {} });
    const q = query({ request: { expressCustomerName: "City Radiology" } });

    expect(selectCandidates([bare], q).candidates).toHaveLength(1);
  });

  it("returns every candidate when several qualify", () => {
    const pair = [customer(), customer()];

    expect(ids(selectCandidates(pair, query()).candidates)).toEqual(ids(pair));
  });
});
