import { beforeEach, describe, expect, it } from "vitest";

import { InvalidInputError, NotFoundError } from "../../../provider/src/errors";
import type { AvaraClient, ExpressCustomer } from "../../../provider/src/http/types";
import { captureLogger, expectNoSecret, rejectionOf } from "./helpers/capture";
import { testClient, useTestEmulator, type TestEmulator } from "./helpers/test-emulator";

const VALID_ID = "cus_0123456789abcdef0123456789abcdef";
const VALID_USER = "usr_0123456789abcdef0123456789abcdef";

let emulator: TestEmulator;
let client: AvaraClient;
let capture: ReturnType<typeof captureLogger>;

const emulatorInFile = useTestEmulator();

beforeEach(() => {
  emulator = emulatorInFile();
  capture = captureLogger();
  client = testClient(emulator, capture.logger);
});

async function collect(iterable: AsyncIterable<ExpressCustomer>): Promise<ExpressCustomer[]> {
  const items: ExpressCustomer[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

describe("createAvaraClient against the emulator", () => {
  it("creates a customer and returns it normalised", async () => {
    const created = await client.createCustomer({
      expressCustomerName: "City Medical Center",
      metadata: { region: "northeast" },
    });

    expect(created).toMatchObject({
      expressCustomerName: "City Medical Center",
      isActive: true,
      metadata: { region: "northeast" },
      userCount: 0,
      createdByApiKeyId: emulator.apiKeyId,
      createdByUserId: null,
    });
    expect(created.expressCustomerId).toMatch(/^cus_[0-9a-f]{32}$/);
    expect(Date.parse(created.createdAt ?? "")).not.toBeNaN();
  });

  it("reads a customer created without metadata as having {}", async () => {
    const created = await client.createCustomer({ expressCustomerName: "No Metadata" });

    expect(created.metadata).toEqual({});
    expect((await client.retrieveCustomer(created.expressCustomerId)).metadata).toEqual({});
  });

  it("retrieves a customer by ID", async () => {
    const created = await client.createCustomer({ expressCustomerName: "Retrieve Me" });

    expect(await client.retrieveCustomer(created.expressCustomerId)).toEqual(created);
  });

  it("updates the name and replaces the whole metadata map", async () => {
    const created = await client.createCustomer({
      expressCustomerName: "Before",
      metadata: { keep: "1", drop: "2" },
    });
    const updated = await client.updateCustomer(created.expressCustomerId, {
      expressCustomerName: "After",
      metadata: { keep: "1", added: "3" },
    });

    expect(updated.expressCustomerName).toBe("After");
    expect(updated.metadata).toEqual({ keep: "1", added: "3" });
    expect(await client.retrieveCustomer(created.expressCustomerId)).toEqual(updated);
  });

  it("clears metadata with null", async () => {
    const created = await client.createCustomer({
      expressCustomerName: "Clear",
      metadata: { a: "1" },
    });
    const cleared = await client.updateCustomer(created.expressCustomerId, { metadata: null });

    expect(cleared.metadata).toEqual({});
  });

  it("deactivates and reactivates a customer", async () => {
    const created = await client.createCustomer({ expressCustomerName: "Toggle" });

    expect((await client.deactivateCustomer(created.expressCustomerId)).isActive).toBe(false);
    expect((await client.retrieveCustomer(created.expressCustomerId)).isActive).toBe(false);
    expect((await client.reactivateCustomer(created.expressCustomerId)).isActive).toBe(true);
  });

  it("adds and removes a user, and userCount follows", async () => {
    const [userId] = await emulator.admin.seedUsers({ count: 1 });
    const created = await client.createCustomer({ expressCustomerName: "Members" });

    expect(await client.addUser(created.expressCustomerId, userId)).toEqual({
      success: true,
      message: expect.any(String),
    });
    expect((await client.retrieveCustomer(created.expressCustomerId)).userCount).toBe(1);
    expect((await client.removeUser(created.expressCustomerId, userId)).success).toBe(true);
    expect((await client.retrieveCustomer(created.expressCustomerId)).userCount).toBe(0);
  });

  it("lists one page with a cursor to the next", async () => {
    for (const name of ["a", "b", "c"]) await client.createCustomer({ expressCustomerName: name });

    const first = await client.listCustomers({ limit: 2 });
    const second = await client.listCustomers({ limit: 2, cursor: first.cursor ?? undefined });

    expect(first.customers.map((c) => c.expressCustomerName)).toEqual(["a", "b"]);
    expect(first.hasMore).toBe(true);
    expect(second).toMatchObject({ hasMore: false, cursor: null });
    expect(second.customers.map((c) => c.expressCustomerName)).toEqual(["c"]);
  });

  it("lists all 250 customers through every page, each once", async () => {
    const created = await Promise.all(
      Array.from({ length: 250 }, (_, i) =>
        client.createCustomer({ expressCustomerName: `tenant-${i}` }),
      ),
    );

    const listed = await collect(client.listAllCustomers());

    expect(listed).toHaveLength(250);
    expect(new Set(listed.map((c) => c.expressCustomerId))).toEqual(
      new Set(created.map((c) => c.expressCustomerId)),
    );
    const listCalls = capture.lines.filter((line) => / info: .*GET \/v1\/express\?/.test(line));
    expect(listCalls).toHaveLength(3);
  });

  it("lists nothing for an empty clinic", async () => {
    expect(await collect(client.listAllCustomers())).toEqual([]);
  });

  it("keeps clinics apart: another clinic's ID is not found", async () => {
    const created = await client.createCustomer({ expressCustomerName: "Ours" });
    const other = emulator.createKey("clinic-b");
    const foreign = testClient(emulator, capture.logger, { apiKey: other.apiKey });

    const error = await rejectionOf(foreign.retrieveCustomer(created.expressCustomerId));

    expect(NotFoundError.isInstance(error)).toBe(true);
    expectNoSecret([capture.text(), (error as Error).message], other.apiKey);
  });

  it.each([
    ["retrieveCustomer", (c: AvaraClient) => c.retrieveCustomer("cus_123")],
    ["updateCustomer", (c: AvaraClient) => c.updateCustomer(VALID_ID.toUpperCase(), {})],
    ["deactivateCustomer", (c: AvaraClient) => c.deactivateCustomer("../v1/express")],
    ["reactivateCustomer", (c: AvaraClient) => c.reactivateCustomer("")],
    ["updateCustomer without a state", (c: AvaraClient) => c.updateCustomer(VALID_ID, null!)],
    ["addUser with a bad user ID", (c: AvaraClient) => c.addUser(VALID_ID, "usr_x")],
    ["removeUser with a bad customer ID", (c: AvaraClient) => c.removeUser("org_1", VALID_USER)],
    [
      "createCustomer with an empty name",
      (c: AvaraClient) => c.createCustomer({ expressCustomerName: "" }),
    ],
    [
      "createCustomer with a number in metadata",
      (c: AvaraClient) =>
        c.createCustomer({
          expressCustomerName: "x",
          metadata: { n: 1 } as unknown as Record<string, string>,
        }),
    ],
    ["listCustomers with limit 0", (c: AvaraClient) => c.listCustomers({ limit: 0 })],
    ["listCustomers with limit 101", (c: AvaraClient) => c.listCustomers({ limit: 101 })],
    ["listCustomers with an empty cursor", (c: AvaraClient) => c.listCustomers({ cursor: "" })],
  ])("refuses %s before sending anything", async (_name, call) => {
    const error = await rejectionOf(call(client));

    expect(InvalidInputError.isInstance(error)).toBe(true);
    expect((error as InvalidInputError).code).toBe("AVARA_E_INVALID_INPUT");
    expect((await emulator.admin.stats()).requests).toEqual({});
  });

  it("names the bad value and the expected form of an ID", async () => {
    const error = (await rejectionOf(client.retrieveCustomer("cus_123"))) as Error;

    expect(error.message).toContain('"cus_123" is not an Express customer ID');
    expect(error.message).toContain('expected "cus_" followed by 32 lowercase hex digits');
  });

  it("keeps the key out of every log line at debug level", async () => {
    const created = await client.createCustomer({ expressCustomerName: "Quiet" });
    await client.retrieveCustomer(created.expressCustomerId);

    expect(capture.text()).toContain("authorization");
    expectNoSecret([capture.text()], emulator.apiKey);
  });
});
