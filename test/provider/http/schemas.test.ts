import { describe, expect, it } from "vitest";

import {
  customerPageSchema,
  expressCustomerSchema,
  membershipResultSchema,
  normaliseMetadata,
  sameMetadata,
} from "../../../provider/src/http/schemas";

const ID = "cus_0123456789abcdef0123456789abcdef";

const full = {
  expressCustomerId: ID,
  expressCustomerName: "City Medical Center",
  isActive: true,
  metadata: { region: "northeast" },
  createdAt: "2024-01-15T09:00:00Z",
  updatedAt: "2024-03-15T14:20:00.123Z",
  userCount: 15,
  createdByApiKeyId: "550e8400-e29b-41d4-a716-446655440000",
  createdByUserId: "usr_1234567890abcdef1234567890abcdef",
};

describe("expressCustomerSchema", () => {
  it("keeps every field of a complete customer", () => {
    expect(expressCustomerSchema.parse(full)).toEqual(full);
  });

  it.each([
    ["absent", undefined],
    ["null", null],
    ["empty", {}],
  ])("reads %s metadata as {}", (_name, metadata) => {
    expect(expressCustomerSchema.parse({ ...full, metadata }).metadata).toEqual({});
  });

  it("tolerates every non-ID field being null or absent", () => {
    const parsed = expressCustomerSchema.parse({
      expressCustomerId: ID,
      expressCustomerName: null,
      createdAt: null,
      createdByUserId: null,
    });

    expect(parsed).toEqual({
      expressCustomerId: ID,
      expressCustomerName: "",
      isActive: true,
      metadata: {},
      createdAt: null,
      updatedAt: null,
      userCount: 0,
      createdByApiKeyId: null,
      createdByUserId: null,
    });
  });

  it.each(["2026-12-04T15:21:56Z", "2026-12-04T15:21:56.123Z", "2026-12-04T15:21:56.123456+02:00"])(
    "accepts the timestamp %s",
    (createdAt) => {
      expect(expressCustomerSchema.parse({ ...full, createdAt }).createdAt).toBe(createdAt);
    },
  );

  it("ignores fields it does not know", () => {
    expect(expressCustomerSchema.parse({ ...full, tier: "gold" })).not.toHaveProperty("tier");
  });

  it.each([
    ["a missing ID", { ...full, expressCustomerId: undefined }, "expressCustomerId"],
    ["a malformed ID", { ...full, expressCustomerId: "org_1" }, "expressCustomerId"],
    ["a timestamp that is not RFC 3339", { ...full, createdAt: "yesterday" }, "createdAt"],
    ["a non-string metadata value", { ...full, metadata: { a: 1 } }, "metadata"],
    ["a negative userCount", { ...full, userCount: -1 }, "userCount"],
    ["a string isActive", { ...full, isActive: "yes" }, "isActive"],
  ])("rejects %s", (_name, wire, field) => {
    const result = expressCustomerSchema.safeParse(wire);

    expect(result.success).toBe(false);
    expect(result.error?.issues[0].path[0]).toBe(field);
  });
});

describe("customerPageSchema", () => {
  it("reads a middle page", () => {
    const wire = { expressCustomers: [full], hasMore: true, cursor: "abc" };
    const page = customerPageSchema.parse(wire);

    expect(page).toEqual({ customers: [full], hasMore: true, cursor: "abc" });
  });

  it.each([
    ["no cursor", { hasMore: false }],
    ["a null cursor", { hasMore: false, cursor: null }],
    ["an empty cursor, whatever hasMore says", { hasMore: true, cursor: "" }],
  ])("ends the listing on %s", (_name, wire) => {
    expect(customerPageSchema.parse({ expressCustomers: [full], ...wire })).toMatchObject({
      hasMore: false,
      cursor: null,
    });
  });

  it("follows a cursor when hasMore is absent", () => {
    expect(customerPageSchema.parse({ expressCustomers: [], cursor: "next" }).hasMore).toBe(true);
  });

  it("reports the index of a bad customer", () => {
    const result = customerPageSchema.safeParse({ expressCustomers: [full, {}], hasMore: false });

    expect(result.error?.issues[0].path).toEqual(["expressCustomers", 1, "expressCustomerId"]);
  });
});

describe("membershipResultSchema", () => {
  it("reads the standard success response", () => {
    expect(membershipResultSchema.parse({ success: true, message: "done" })).toEqual({
      success: true,
      message: "done",
    });
  });

  it("reads an empty 2xx body as success", () => {
    expect(membershipResultSchema.parse({})).toEqual({ success: true, message: null });
  });
});

describe("metadata comparison", () => {
  it("treats absent, null and {} as the same map", () => {
    expect(sameMetadata(undefined, null)).toBe(true);
    expect(sameMetadata({}, null)).toBe(true);
  });

  it("ignores key order but not values", () => {
    expect(sameMetadata({ a: "1", b: "2" }, { b: "2", a: "1" })).toBe(true);
    expect(sameMetadata({ a: "1" }, { a: "2" })).toBe(false);
    expect(sameMetadata({ a: "1" }, {})).toBe(false);
  });

  it("sorts keys in its normal form", () => {
    expect(Object.keys(normaliseMetadata({ b: "2", a: "1" }))).toEqual(["a", "b"]);
  });
});
