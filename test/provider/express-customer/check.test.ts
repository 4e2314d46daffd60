import { describe, expect, it } from "vitest";

import { checkInputs } from "../../../provider/src/express-customer/check";

// The literal the engine sends during preview for a value not known yet (pulumi/pulumi#6310).
const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const PROVIDER_TEXT = "exports.handler = __f0;";

function metadataOf(pairs: number): Record<string, string> {
  return Object.fromEntries(Array.from({ length: pairs }, (_, index) => [`key${index}`, "v"]));
}

function failuresOf(news: Record<string, unknown>) {
  return checkInputs({ __provider: PROVIDER_TEXT, ...news }).failures ?? [];
}

describe("check", () => {
  describe("normalisation", () => {
    it.each([
      ["absent", {}],
      ["null", { metadata: null }],
      ["empty", { metadata: {} }],
    ])("turns %s metadata into {} and defaults isActive to true", (_label, extra) => {
      const result = checkInputs({ __provider: PROVIDER_TEXT, expressCustomerName: "A", ...extra });

      expect(result.failures).toBeUndefined();
      expect(result.inputs).toEqual({ expressCustomerName: "A", metadata: {}, isActive: true });
    });

    it("keeps the given metadata and isActive, and drops __provider", () => {
      const result = checkInputs({
        __provider: PROVIDER_TEXT,
        expressCustomerName: "A",
        metadata: { region: "northeast", empty: "" },
        isActive: false,
      });

      expect(result.inputs).toEqual({
        expressCustomerName: "A",
        metadata: { region: "northeast", empty: "" },
        isActive: false,
      });
    });

    it("keeps adoptExistingId when given, and leaves it out when null", () => {
      const id = "cus_0123456789abcdef0123456789abcdef";

      expect(checkInputs({ expressCustomerName: "A", adoptExistingId: id }).inputs).toEqual({
        expressCustomerName: "A",
        metadata: {},
        isActive: true,
        adoptExistingId: id,
      });
      expect(checkInputs({ expressCustomerName: "A", adoptExistingId: null }).inputs).toEqual({
        expressCustomerName: "A",
        metadata: {},
        isActive: true,
      });
    });

    it("reads a null isActive as the default", () => {
      const result = checkInputs({ expressCustomerName: "A", isActive: null });

      expect(result.inputs).toMatchObject({ isActive: true });
    });

    it("accepts the documented limits exactly", () => {
      const metadata = metadataOf(50);
      metadata["k".repeat(100)] = "v".repeat(1000);
      delete metadata.key0;

      const result = checkInputs({ expressCustomerName: "A", metadata });

      expect(result.failures).toBeUndefined();
      expect(Object.keys((result.inputs as { metadata: object }).metadata)).toHaveLength(50);
    });
  });

  it("keeps constructor and prototype metadata keys, which survive objects and JSON", () => {
    const metadata = { constructor: "x", prototype: "y" };

    const result = checkInputs({ __provider: PROVIDER_TEXT, expressCustomerName: "A", metadata });

    expect(result.failures).toBeUndefined();
    expect(Object.keys(result.inputs?.metadata as object)).toEqual(["constructor", "prototype"]);
    expect(JSON.parse(JSON.stringify(result.inputs)).metadata).toEqual(metadata);
  });

  describe("unknown values during preview", () => {
    it.each([
      ["the name", { expressCustomerName: UNKNOWN }],
      ["the whole metadata", { expressCustomerName: "A", metadata: UNKNOWN }],
      ["one metadata value", { expressCustomerName: "A", metadata: { region: UNKNOWN } }],
      ["isActive", { expressCustomerName: "A", isActive: UNKNOWN }],
      ["adoptExistingId", { expressCustomerName: "A", adoptExistingId: UNKNOWN }],
    ])("passes %s through unchanged", (_label, news) => {
      const result = checkInputs(news);

      expect(result.failures).toBeUndefined();
      expect(result.inputs).toMatchObject(news);
    });

    it("still validates the known values beside an unknown one", () => {
      expect(failuresOf({ expressCustomerName: UNKNOWN, metadata: { region: 7 } })).toEqual([
        { property: "metadata.region", reason: expect.stringMatching(/^must be a string/) },
      ]);
    });
  });

  describe("failures", () => {
    it.each([
      [{}, "expressCustomerName", /^is required: give the customer's display name/],
      [{ expressCustomerName: "" }, "expressCustomerName", /^must not be empty/],
      [{ expressCustomerName: 42 }, "expressCustomerName", /^must be a string/],
      [{ expressCustomerName: "A", metadata: "region=ne" }, "metadata", /^must be a map of/],
      [{ expressCustomerName: "A", metadata: ["ne"] }, "metadata", /^must be a map of/],
      [{ expressCustomerName: "A", metadata: { region: 1 } }, "metadata.region", /^must be a str/],
      [{ expressCustomerName: "A", metadata: { "": "v" } }, 'metadata[""]', /^is an empty/],
      [{ expressCustomerName: "A", isActive: "yes" }, "isActive", /^must be true or false/],
      [{ expressCustomerName: "A", adoptExistingId: "cus_1" }, "adoptExistingId", /^must be an/],
    ])("rejects %j at %s", (news, property, reason) => {
      expect(failuresOf(news)).toEqual([{ property, reason: expect.stringMatching(reason) }]);
    });

    it("names the number of pairs over the limit", () => {
      expect(failuresOf({ expressCustomerName: "A", metadata: metadataOf(53) })).toEqual([
        {
          property: "metadata",
          reason:
            "has 53 pairs, more than the 50 the Avara API allows: remove 3 or combine some " +
            "of them.",
        },
      ]);
    });

    it("names the length of a key over 100 characters, cutting the key in the property", () => {
      const key = "k".repeat(101);

      expect(failuresOf({ expressCustomerName: "A", metadata: { [key]: "v" } })).toEqual([
        {
          property: `metadata["${"k".repeat(40)}…"]`,
          reason:
            "is a metadata key of 101 characters, more than the 100 the Avara API allows: " +
            "shorten the key.",
        },
      ]);
    });

    it("names the length of a value over 1000 characters", () => {
      const metadata = { note: "x".repeat(1001) };

      expect(failuresOf({ expressCustomerName: "A", metadata })).toEqual([
        {
          property: "metadata.note",
          reason:
            "is 1001 characters long, more than the 1000 the Avara API allows: shorten the " +
            "value or split it across several keys.",
        },
      ]);
    });

    it("quotes metadata keys that are not plain identifiers", () => {
      expect(failuresOf({ expressCustomerName: "A", metadata: { "team.lead": 3 } })).toEqual([
        { property: 'metadata["team.lead"]', reason: expect.stringMatching(/^must be a string/) },
      ]);
    });

    it("names an unknown property and the allowed ones", () => {
      expect(failuresOf({ expressCustomerName: "A", name: "A" })).toEqual([
        {
          property: "name",
          reason:
            "is not an input of avara.ExpressCustomer: the inputs are expressCustomerName, " +
            "metadata, isActive, adoptExistingId. Remove it, or correct its spelling.",
        },
      ]);
    });

    it("reports one failure per property, each bad field at once", () => {
      const failures = failuresOf({
        expressCustomerName: "",
        metadata: { a: 1, b: "x".repeat(1001) },
        isActive: 0,
        colour: "red",
      });

      expect(failures.map((failure) => failure.property)).toEqual([
        "expressCustomerName",
        "metadata.a",
        "metadata.b",
        "isActive",
        "colour",
      ]);
    });

    it("joins the reasons of keys that are shown alike into one failure", () => {
      const metadata = { ["k".repeat(101)]: "v", ["k".repeat(102)]: "v" };
      const failures = failuresOf({ expressCustomerName: "A", metadata });

      expect(failures).toHaveLength(1);
      expect(failures[0].reason).toMatch(/^is a metadata key of 101 .*; is a metadata key of 102 /);
    });

    // JSON.parse keeps "__proto__" as an own key; zod and every plain object drop it silently.
    it.each([
      ["a string", '{"__proto__": "x", "b": "c"}'],
      ["an object", '{"__proto__": {"polluted": "yes"}}'],
    ])("refuses a __proto__ metadata key holding %s, asking to rename it", (_label, json) => {
      const metadata = JSON.parse(json);

      expect(failuresOf({ expressCustomerName: "A", metadata })).toEqual([
        { property: "metadata.__proto__", reason: expect.stringMatching(/rename the key\.$/) },
      ]);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });

    it("reports a __proto__ key beside the other bad fields", () => {
      const metadata = JSON.parse(`{"__proto__": "x", "note": "${"x".repeat(1001)}"}`);
      const failures = failuresOf({ expressCustomerName: "", metadata });

      expect(failures.map((failure) => failure.property).sort()).toEqual([
        "expressCustomerName",
        "metadata.__proto__",
        "metadata.note",
      ]);
    });

    it("returns the inputs as given alongside failures", () => {
      const news = { __provider: PROVIDER_TEXT, expressCustomerName: "" };

      expect(checkInputs(news).inputs).toEqual(news);
    });
  });
});
