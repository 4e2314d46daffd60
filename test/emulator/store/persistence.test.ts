import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { startEmulator } from "../../../emulator/src/start-emulator";
import { send } from "../http";

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "avara-emulator-"));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe("SQLite file persistence", () => {
  it("keeps customers, memberships, keys, key UUIDs and users across a restart", async () => {
    const db = join(dir, "emulator.db");
    const first = await startEmulator({ db, clinic: "north" });
    const other = await first.admin.createKey("south");
    const [userId, spareUserId] = await first.admin.seedUsers({ count: 2 });
    const created = await send(first, "POST", "/v1/express", {
      body: { expressCustomerName: "Durable", metadata: { a: "1" } },
    });
    const customerPath = `/v1/express/${created.body.expressCustomerId}`;
    await send(first, "POST", `${customerPath}/users`, { body: { userId } });
    const before = await send(first, "GET", customerPath);
    await first.close();

    const second = await startEmulator({ db, apiKeys: [first.apiKey] });

    try {
      const after = await send(second, "GET", customerPath);
      const otherClinic = await send(second, "GET", customerPath, { apiKey: other.apiKey });
      const body = { expressCustomerName: "New" };
      const customer = await send(second, "POST", "/v1/express", { body });
      const addSpare = await send(second, "POST", `${customerPath}/users`, {
        body: { userId: spareUserId },
      });

      expect(after.status).toBe(200);
      expect(after.body).toEqual(before.body);
      expect(after.body.userCount).toBe(1);
      expect(otherClinic.status).toBe(404);
      expect(customer.body.createdByApiKeyId).toBe(created.body.createdByApiKeyId);
      expect(addSpare.status).toBe(200);
      expect((await second.admin.stats()).customersByClinic).toEqual({ north: 2 });
    } finally {
      await second.close();
    }
  });

  it("accepts a list cursor issued before a restart", async () => {
    const db = join(dir, "cursor.db");
    const first = await startEmulator({ db });
    for (const name of ["One", "Two", "Three"]) {
      await send(first, "POST", "/v1/express", { body: { expressCustomerName: name } });
    }
    const page = await send(first, "GET", "/v1/express?limit=1");
    await first.close();

    const second = await startEmulator({ db, apiKeys: [first.apiKey] });

    try {
      const cursor = encodeURIComponent(page.body.cursor);
      const next = await send(second, "GET", `/v1/express?limit=5&cursor=${cursor}`);

      expect(next.status).toBe(200);
      const listed = [...page.body.expressCustomers, ...next.body.expressCustomers];
      const names = listed.map((customer: any) => customer.expressCustomerName);
      expect(names.sort()).toEqual(["One", "Three", "Two"]);
    } finally {
      await second.close();
    }
  });

  it("keeps nothing between two in-memory emulators", async () => {
    const first = await startEmulator();
    const apiKey = first.apiKey;
    await send(first, "POST", "/v1/express", { body: { expressCustomerName: "Gone" } });
    await first.close();

    const second = await startEmulator({ apiKeys: [apiKey] });

    try {
      const list = await send(second, "GET", "/v1/express");
      expect(list.body.expressCustomers).toEqual([]);
    } finally {
      await second.close();
    }
  });

  it("refuses a malformed key without printing it", async () => {
    const start = startEmulator({ apiKeys: ["sk_live_NOT-A-REAL-KEY"] });

    await expect(start).rejects.toThrow(/sk_live_ followed by 32/);
    await expect(start).rejects.not.toThrow(/NOT-A-REAL-KEY/);
  });
});
