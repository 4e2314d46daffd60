import { describe, expect, it } from "vitest";

import { changedInputs, diffCustomer } from "../../../provider/src/express-customer/diff";

const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

// Outputs as a create of this release stores them.
const stored = {
  __provider: "exports.handler = __f0; // release 0.1.0",
  schemaVersion: 1,
  expressCustomerId: "cus_0123456789abcdef0123456789abcdef",
  expressCustomerName: "City Radiology",
  metadata: { region: "northeast", tier: "gold" },
  isActive: true,
  createdAt: "2026-12-04T15:21:56.123Z",
  updatedAt: "2026-12-04T15:21:56.123Z",
  userCount: 0,
  createdByApiKeyId: "550e8400-e29b-41d4-a716-446655440000",
  createdByUserId: null,
};

const desired = {
  __provider: "exports.handler = __f0; // release 0.2.0, another build",
  expressCustomerName: "City Radiology",
  metadata: { tier: "gold", region: "northeast" },
  isActive: true,
};

describe("diff", () => {
  it("finds no change when only __provider differs", () => {
    expect(diffCustomer(stored, desired)).toEqual({ changes: false });
  });

  it.each([
    ["absent", undefined, {}],
    ["null", null, {}],
    ["{}", {}, undefined],
    ["null against absent", null, undefined],
  ])("treats %s metadata as equal to empty metadata", (_label, storedMetadata, newMetadata) => {
    const olds = { ...stored, metadata: storedMetadata };
    const news = { ...desired, metadata: newMetadata };

    expect(diffCustomer(olds, news)).toEqual({ changes: false });
  });

  it.each([
    ["expressCustomerName", { expressCustomerName: "City Radiology East" }],
    ["metadata", { metadata: { region: "northeast" } }],
    ["metadata", { metadata: { region: "northeast", tier: "silver" } }],
    ["metadata", { metadata: { region: "northeast", tier: "gold", extra: "" } }],
    ["isActive", { isActive: false }],
  ])("reports an in-place change of %s", (input, change) => {
    const news = { ...desired, ...change };

    expect(changedInputs(stored, news)).toEqual([input]);
    expect(diffCustomer(stored, news)).toEqual({ changes: true });
  });

  it("asks for a replacement only when adoptExistingId names another customer", () => {
    const another = "cus_fedcba9876543210fedcba9876543210";

    expect(diffCustomer(stored, { ...desired, adoptExistingId: another })).toEqual({
      changes: true,
      replaces: ["adoptExistingId"],
    });
    expect(diffCustomer(stored, { ...desired, adoptExistingId: UNKNOWN })).toMatchObject({
      replaces: ["adoptExistingId"],
    });
    const same = { ...desired, adoptExistingId: stored.expressCustomerId };
    expect(diffCustomer(stored, same)).toEqual({ changes: false });
  });

  it("never asks for a replacement for the updatable inputs", () => {
    const news = { expressCustomerName: "Other", metadata: {}, isActive: false };

    expect(changedInputs(stored, news)).toEqual(["expressCustomerName", "metadata", "isActive"]);
    expect(diffCustomer(stored, news).replaces).toBeUndefined();
  });

  it("reads an absent isActive on either side as active", () => {
    const { isActive: _stored, ...olds } = stored;
    const { isActive: _desired, ...news } = desired;

    expect(diffCustomer(olds, news)).toEqual({ changes: false });
  });

  it("sees drift after a refresh found a deactivated customer", () => {
    expect(changedInputs({ ...stored, isActive: false }, desired)).toEqual(["isActive"]);
  });

  it.each([
    ["the name", { expressCustomerName: UNKNOWN }, "expressCustomerName"],
    ["the whole metadata", { metadata: UNKNOWN }, "metadata"],
    ["one metadata value", { metadata: { region: UNKNOWN, tier: "gold" } }, "metadata"],
    ["isActive", { isActive: UNKNOWN }, "isActive"],
  ])("counts an unknown value in %s as a change", (_label, change, input) => {
    expect(changedInputs(stored, { ...desired, ...change })).toEqual([input]);
  });
});
