import { describe, expect, it } from "vitest";

import { deleteExpressCustomer } from "../../../provider/src/express-customer/delete";
import { readExpressCustomer } from "../../../provider/src/express-customer/read";
import type { AvaraClient } from "../../../provider/src/http/types";
import { errorText, rejectionOf } from "../http/helpers/capture";
import { type ScriptedAnswer, useScriptedServers } from "../http/helpers/scripted-server";
import { testClient, useEmulatorCustomer, wireCustomer } from "./helpers";

const KEY = "sk_live_0123456789abcdef0123456789abcdef";
const ID = wireCustomer().expressCustomerId as string;

// Refresh drops a customer from state on "gone"; delete counts it as deactivated. Both must be
// sure, so both are held to the same rules.
const calls = [
  ["refresh", (client: AvaraClient, id: string) => readExpressCustomer(client, id)],
  ["delete", (client: AvaraClient, id: string) => deleteExpressCustomer(client, id)],
] as const;

describe.each(calls)("%s after a 404", (_step, call) => {
  describe("against the emulator", () => {
    const t = useEmulatorCustomer();

    it("fails, naming the base URL, when a wrong path prefix makes every request 404", async () => {
      const wrongBaseUrl = `${t.emulator.url}/avara`;

      const error = await rejectionOf(call(testClient(wrongBaseUrl, t.emulator.apiKey), t.id));

      expect(error).toMatchObject({ code: "AVARA_E_NOT_FOUND_UNCONFIRMED", customerId: t.id });
      expect((error as Error).message).toContain(wrongBaseUrl);
      expect((error as Error).message).toContain("route_not_found");
      expect(errorText(error)).not.toContain(t.emulator.apiKey);
      const { body } = await t.emulator.bare("GET", `/v1/express/${t.id}`);
      expect(body.isActive).toBe(true);
    });
  });

  describe("against a scripted server", () => {
    const scripted = useScriptedServers();

    async function callAgainst(answers: ScriptedAnswer[]) {
      const server = await scripted(answers);
      const outcome = await call(testClient(server.url, KEY, 0), ID).then(
        (result) => ({ result, error: undefined }),
        (error: unknown) => ({ result: undefined, error }),
      );
      return { ...outcome, requests: server.received.map((r) => `${r.method} ${r.url}`) };
    }

    const listing = { body: { expressCustomers: [], hasMore: false } };

    it("fails on a proxy's own HTML 404 page, without looking further", async () => {
      const html = { status: 404, body: "<html><body><h1>404 Not Found</h1></body></html>" };

      const { error, requests } = await callAgainst([html, listing]);

      expect(error).toMatchObject({ code: "AVARA_E_NOT_FOUND_UNCONFIRMED" });
      expect((error as Error).message).toMatch(/not the Avara API's answer for a missing customer/);
      expect(requests).toHaveLength(1);
    });

    it("counts the customer gone on a JSON 404 without a code, once a listing works", async () => {
      const notFound = { status: 404, body: { message: "Customer not found." } };

      const { error, requests } = await callAgainst([notFound, listing]);

      expect(error).toBeUndefined();
      expect(requests.at(-1)).toBe("GET /v1/express?limit=1");
    });

    it("fails when the 404 reads right but the same key and URL cannot list", async () => {
      const notFound = {
        status: 404,
        body: { message: "No such customer.", code: "customer_not_found" },
      };
      const rejected = { status: 401, body: { message: "Unknown key.", code: "unauthorized" } };

      const { error, requests } = await callAgainst([notFound, rejected]);

      expect(error).toMatchObject({ code: "AVARA_E_NOT_FOUND_UNCONFIRMED", customerId: ID });
      expect((error as Error).message).toMatch(/GET \/v1\/express\?limit=1 .*401/);
      expect((error as Error).message).toMatch(/avara:apiKey or AVARA_API_KEY/);
      expect(requests.at(-1)).toBe("GET /v1/express?limit=1");
    });
  });
});
