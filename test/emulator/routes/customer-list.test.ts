import { afterEach, beforeEach, describe, expect, it } from "vitest";

import type { Clock } from "../../../emulator/src/clock";
import { buildTestServer, createCustomer, type TestServer } from "../helpers";

let server: TestServer;

beforeEach(async () => {
  server = await buildTestServer();
});

afterEach(async () => {
  await server.close();
});

async function createMany(count: number): Promise<string[]> {
  const ids: string[] = [];

  for (let i = 0; i < count; i += 1) {
    const customer = await createCustomer(server, { expressCustomerName: `Customer ${i}` });
    ids.push(customer.expressCustomerId);
  }

  return ids;
}

function byCreatedAtThenId(a: any, b: any): number {
  return (
    a.createdAt.localeCompare(b.createdAt) || a.expressCustomerId.localeCompare(b.expressCustomerId)
  );
}

describe("GET /v1/express", () => {
  it("pages 250 customers with limit 100 into three pages, the last without a cursor", async () => {
    const ids = await createMany(250);
    const pages: any[] = [];
    let cursor: string | undefined;

    do {
      const query =
        cursor === undefined ? "limit=100" : `limit=100&cursor=${encodeURIComponent(cursor)}`;
      const response = await server.call("GET", `/v1/express?${query}`);
      expect(response.status).toBe(200);
      pages.push(response.body);
      cursor = response.body.cursor;
    } while (cursor !== undefined && pages.length < 10);

    expect(pages.map((page) => page.expressCustomers.length)).toEqual([100, 100, 50]);
    expect(pages.map((page) => page.hasMore)).toEqual([true, true, false]);
    expect(typeof pages[0].cursor).toBe("string");
    expect(pages[0].cursor).not.toBe("");
    expect(pages[2]).not.toHaveProperty("cursor");

    const listed = pages.flatMap((page) => page.expressCustomers);
    expect(listed.map((customer) => customer.expressCustomerId).sort()).toEqual([...ids].sort());
    expect(listed).toEqual([...listed].sort(byCreatedAtThenId));
  });

  it("defaults to 20 per page", async () => {
    await createMany(21);

    const response = await server.call("GET", "/v1/express");

    expect(response.body.expressCustomers).toHaveLength(20);
    expect(response.body.hasMore).toBe(true);
  });

  it("answers an exactly full last page with hasMore false, not an empty page after", async () => {
    await createMany(4);

    const response = await server.call("GET", "/v1/express?limit=4");

    expect(response.body.expressCustomers).toHaveLength(4);
    expect(response.body.hasMore).toBe(false);
    expect(response.body).not.toHaveProperty("cursor");
  });

  it("answers an empty clinic with an empty last page", async () => {
    const response = await server.call("GET", "/v1/express");

    expect(response.body).toEqual({ expressCustomers: [], hasMore: false });
  });

  it("includes deactivated customers", async () => {
    const [id] = await createMany(1);
    await server.call("POST", `/v1/express/${id}/deactivate`);

    const response = await server.call("GET", "/v1/express");

    expect(response.body.expressCustomers).toMatchObject([
      { expressCustomerId: id, isActive: false },
    ]);
  });

  it("keeps paging correctly when customers are created between two pages", async () => {
    const ids = await createMany(3);
    const first = await server.call("GET", "/v1/express?limit=2");
    const later = await createMany(1);

    const second = await server.call("GET", `/v1/express?limit=2&cursor=${first.body.cursor}`);
    const seen = [...first.body.expressCustomers, ...second.body.expressCustomers].map(
      (customer: any) => customer.expressCustomerId,
    );

    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.sort()).toEqual([...ids, ...later].sort());
  });

  it.each(["1", "100", "20.0", "7.00"])("accepts limit=%s", async (limit) => {
    await createMany(2);

    const response = await server.call("GET", `/v1/express?limit=${limit}`);

    expect(response.status).toBe(200);
    expect(response.body.expressCustomers).toHaveLength(Math.min(2, Number(limit)));
  });

  it.each(["0", "101", "-1", "2.5", "abc", "", "0x10", "1e1"])(
    "answers 400 validation_failed for limit=%s",
    async (limit) => {
      const response = await server.call("GET", `/v1/express?limit=${limit}`);

      expect(response.status).toBe(400);
      expect(response.body.code).toBe("validation_failed");
      expect(response.body.errors).toEqual([{ path: "limit", message: expect.any(String) }]);
    },
  );

  it("answers 400 validation_failed when limit is given twice", async () => {
    const response = await server.call("GET", "/v1/express?limit=1&limit=2");

    expect(response.status).toBe(400);
    expect(response.body.errors.map((error: any) => error.path)).toEqual(["limit"]);
  });

  it.each([
    ["garbage", "not-a-cursor"],
    ["base64 of something else", Buffer.from('{"offset":20}').toString("base64")],
    ["an empty string", ""],
    [
      "a forged position in the cursor format of old",
      Buffer.from('{"createdAt":"0","customerId":""}').toString("base64url"),
    ],
  ])("answers 400 invalid_cursor for %s", async (_, cursor) => {
    await createMany(3);

    const response = await server.call("GET", `/v1/express?cursor=${encodeURIComponent(cursor)}`);

    expect(response.status).toBe(400);
    expect(response.body.code).toBe("invalid_cursor");
  });

  describe("a cursor it issued", () => {
    async function issuedCursor(from: TestServer = server): Promise<string> {
      for (let i = 0; i < 3; i += 1) {
        await createCustomer(from, { expressCustomerName: `Paged ${i}` });
      }

      const page = await from.call("GET", "/v1/express?limit=1");

      return page.body.cursor;
    }

    function listWith(cursor: string, from: TestServer = server) {
      return from.call("GET", `/v1/express?limit=1&cursor=${encodeURIComponent(cursor)}`);
    }

    it("is accepted unchanged", async () => {
      const response = await listWith(await issuedCursor());

      expect(response.status).toBe(200);
      expect(response.body.expressCustomers).toHaveLength(1);
    });

    it.each([
      // The last hex digit of the customer ID, so the position is still well-formed.
      [
        "its position is altered",
        (bytes: Buffer) => {
          const last = bytes.length - 3;
          return bytes.fill(bytes[last] === 0x30 ? "1" : "0", last, last + 1);
        },
      ],
      ["its signature is altered", (bytes: Buffer) => bytes.fill(0, 0, 2)],
      ["it is cut short", (bytes: Buffer) => bytes.subarray(0, -1)],
    ])("is rejected with 400 invalid_cursor once %s", async (_, alter) => {
      const bytes = Buffer.from(await issuedCursor(), "base64url");
      const altered = alter(Buffer.from(bytes)).toString("base64url");

      const response = await listWith(altered);

      expect(altered).not.toBe(bytes.toString("base64url"));
      expect(response.status).toBe(400);
      expect(response.body.code).toBe("invalid_cursor");
    });

    it("is rejected by another emulator's database", async () => {
      const other = await buildTestServer();

      try {
        const foreign = await issuedCursor(other);
        await createMany(3);

        const response = await listWith(foreign);

        expect(response.status).toBe(400);
        expect(response.body.code).toBe("invalid_cursor");
      } finally {
        await other.close();
      }
    });
  });
});

describe("createdAt order", () => {
  const FROZEN = new Date("2026-06-01T12:00:00.000Z");
  let clockMs: number;
  // A clock the test moves by hand; it stands still unless told otherwise.
  const handClock: Clock = () => new Date(clockMs);

  beforeEach(async () => {
    await server.close();
    clockMs = FROZEN.getTime();
    server = await buildTestServer({ clock: handClock });
  });

  async function listAll(): Promise<any[]> {
    return (await server.call("GET", "/v1/express?limit=100")).body.expressCustomers;
  }

  it("lists customers created within one millisecond in creation order", async () => {
    const ids = await createMany(20);

    const listed = await listAll();

    expect(listed.map((customer) => customer.expressCustomerId)).toEqual(ids);
    const times = listed.map((customer) => Date.parse(customer.createdAt));
    expect(times.every((time, index) => index === 0 || time > times[index - 1]!)).toBe(true);
  });

  it("never skips customers created in the same millisecond as a page's last item", async () => {
    const before = await createMany(5);
    const first = await server.call("GET", "/v1/express?limit=4");
    const after = await createMany(30);

    const cursor = encodeURIComponent(first.body.cursor);
    const second = await server.call("GET", `/v1/express?limit=100&cursor=${cursor}`);

    const seen = [...first.body.expressCustomers, ...second.body.expressCustomers].map(
      (customer: any) => customer.expressCustomerId,
    );
    expect(seen).toEqual([...before, ...after]);
  });

  it("dates a new customer after every other clinic's too when the clock steps back", async () => {
    const otherKey = server.context.store.keys.create("clinic-b").apiKey;
    const existing = await createCustomer(server, { expressCustomerName: "B" }, otherKey);
    clockMs -= 60_000;

    const created = await createCustomer(server);

    expect(Date.parse(created.createdAt)).toBe(Date.parse(existing.createdAt) + 1);
    expect(created.updatedAt).toBe(created.createdAt);
  });

  it("moves updatedAt forward on a change even when the clock stands still", async () => {
    const created = await createCustomer(server);

    const renamed = await server.call("PATCH", `/v1/express/${created.expressCustomerId}`, {
      body: { expressCustomerName: "Renamed" },
    });
    const deactivated = await server.call(
      "POST",
      `/v1/express/${created.expressCustomerId}/deactivate`,
    );

    expect(Date.parse(renamed.body.updatedAt)).toBeGreaterThan(Date.parse(created.createdAt));
    expect(Date.parse(deactivated.body.updatedAt)).toBeGreaterThan(
      Date.parse(renamed.body.updatedAt),
    );
  });
});
