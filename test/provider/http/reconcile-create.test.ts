import { beforeEach, describe, expect, it } from "vitest";

import { AmbiguousCreateError, ServerError } from "../../../provider/src/errors";
import type { AvaraClient } from "../../../provider/src/http/types";
import {
  captureLogger,
  errorText,
  expectNoSecret,
  rejectionOf,
} from "./helpers/capture";
import { testClient, useTestEmulator, type TestEmulator } from "./helpers/test-emulator";

const NAME = "City Radiology";
const METADATA = { region: "north", tier: "gold" };
const REQUEST = { expressCustomerName: NAME, metadata: METADATA };

let emulator: TestEmulator;
let capture: ReturnType<typeof captureLogger>;

const emulatorInFile = useTestEmulator();

beforeEach(() => {
  emulator = emulatorInFile();
  capture = captureLogger();
});

/** A client of `apiKey`; a key no earlier test used has a fresh registry (its key ID unknown). */
function clientOf(apiKey = emulator.apiKey, maxRetries = 5): AvaraClient {
  return testClient(emulator, capture.logger, { apiKey, maxRetries });
}

/** Makes a customer the way another process would: raw HTTP, unknown to the client under test. */
async function outsideCreate(
  options: { name?: string; metadata?: Record<string, string>; apiKey?: string } = {},
) {
  const { body } = await emulator.bare("POST", "/v1/express", {
    apiKey: options.apiKey,
    body: { expressCustomerName: options.name ?? NAME, metadata: options.metadata ?? METADATA },
  });
  return body.expressCustomerId as string;
}

async function loseNextCreateAnswer(fault: "drop-after" | "drop-before" = "drop-after") {
  await emulator.admin.setFaults({ rules: [{ fault, route: "POST /v1/express", next: 1 }] });
}

async function customerIds(): Promise<string[]> {
  return (await emulator.allCustomers()).map((c) => c.expressCustomerId);
}

describe("reconciling a create whose answer was lost", () => {
  it("adopts the customer the lost request made and logs the adoption at info", async () => {
    await loseNextCreateAnswer();

    const adopted = await clientOf().createCustomer(REQUEST);

    expect(await customerIds()).toEqual([adopted.expressCustomerId]);
    expect((await emulator.admin.stats()).createsReceived).toBe(1);
    expect(capture.text()).toContain(
      ` info: [avara] adopted ${adopted.expressCustomerId} ("${NAME}"), made by a create`,
    );
  });

  it("still adopts the customer when no retry is left", async () => {
    await loseNextCreateAnswer();

    const adopted = await clientOf(emulator.apiKey, 0).createCustomer(REQUEST);

    expect(await customerIds()).toEqual([adopted.expressCustomerId]);
  });

  it("sends the create again when the lost request made nothing", async () => {
    await loseNextCreateAnswer("drop-before");

    const created = await clientOf().createCustomer({ expressCustomerName: NAME });

    expect(await customerIds()).toEqual([created.expressCustomerId]);
    const posts = (await emulator.admin.stats()).requests["POST /v1/express"];
    expect(posts).toEqual({ dropped: 1, "200": 1 });
    expect(capture.text()).toContain("made no customer; sending it again");
  });

  it("never adopts same-name customers created before the request", async () => {
    emulator.shiftClock(-60_000);
    const earlier = [await outsideCreate(), await outsideCreate()];
    emulator.shiftClock(0);
    await loseNextCreateAnswer();

    const adopted = await clientOf().createCustomer(REQUEST);

    expect(earlier).not.toContain(adopted.expressCustomerId);
    expect(await customerIds()).toHaveLength(3);
    expect(capture.text()).toContain("created before the request started");
  });

  it("never adopts a deactivated twin with the same name and metadata", async () => {
    const twin = await outsideCreate();
    await emulator.bare("POST", `/v1/express/${twin}/deactivate`);
    await loseNextCreateAnswer();

    const adopted = await clientOf().createCustomer(REQUEST);

    expect(adopted.expressCustomerId).not.toBe(twin);
    expect(adopted.isActive).toBe(true);
    expect(await customerIds()).toHaveLength(2);
    expect(capture.text()).toContain('"reason":"inactive"');
  });

  it("never adopts a same-name customer with other metadata", async () => {
    const other = await outsideCreate({ metadata: { region: "south" } });
    const bare = await outsideCreate({ metadata: {} });
    await loseNextCreateAnswer();

    const adopted = await clientOf().createCustomer(REQUEST);

    expect([other, bare]).not.toContain(adopted.expressCustomerId);
    expect(adopted.metadata).toEqual(METADATA);
    expect(await customerIds()).toHaveLength(3);
  });

  it("never adopts a customer this process already returned", async () => {
    const client = clientOf();
    const first = await client.createCustomer(REQUEST);
    await loseNextCreateAnswer();

    const second = await client.createCustomer(REQUEST);

    expect(second.expressCustomerId).not.toBe(first.expressCustomerId);
    expect(await customerIds()).toHaveLength(2);
    expect(capture.text()).toContain("already known to this process");
  });

  it("never adopts a same-name customer made by another key of the same clinic", async () => {
    const client = clientOf();
    // A create that gets its answer teaches the client this key's createdByApiKeyId.
    await client.createCustomer({ expressCustomerName: "Warm-up" });
    const colleague = emulator.createKey();
    const theirs = await outsideCreate({ apiKey: colleague.apiKey });
    await loseNextCreateAnswer();

    const ours = await client.createCustomer(REQUEST);

    expect(ours.expressCustomerId).not.toBe(theirs);
    expect(ours.createdByApiKeyId).toBe(emulator.apiKeyId);
    expect(capture.text()).toContain("created by another API key");
  });

  it("refuses to choose when this key's ID is unknown and another key made a twin", async () => {
    const fresh = emulator.createKey();
    const colleague = emulator.createKey();
    const theirs = await outsideCreate({ apiKey: colleague.apiKey });
    await loseNextCreateAnswer();

    const error = await rejectionOf(
      clientOf(fresh.apiKey).createCustomer(REQUEST),
    );

    expect(AmbiguousCreateError.isInstance(error)).toBe(true);
    const ids = await customerIds();
    expect(ids).toHaveLength(2);
    expect([...(error as AmbiguousCreateError).candidateIds].sort()).toEqual([...ids].sort());
    expect((error as AmbiguousCreateError).candidateIds).toContain(theirs);
    expectNoSecret([errorText(error), capture.text()], fresh.apiKey);
  });

  it("fails with every candidate's ID and what to do when several could be it", async () => {
    const twins = [await outsideCreate(), await outsideCreate()];
    await loseNextCreateAnswer();

    const error = (await rejectionOf(
      clientOf().createCustomer(REQUEST),
    )) as AmbiguousCreateError;

    expect(error.code).toBe("AVARA_E_AMBIGUOUS_CREATE");
    expect(error.candidateIds).toHaveLength(3);
    for (const twin of twins) expect(error.message).toContain(twin);
    expect(error.message).toContain("Deactivate the extras");
    expect(await customerIds()).toHaveLength(3);
  });

  it("leaves one customer per call when creates of the same name run concurrently", async () => {
    await emulator.admin.setFaults({
      seed: 3,
      rules: [
        { fault: "drop-after", route: "POST /v1/express", probability: 0.5 },
        { fault: "status", status: 500, route: "POST /v1/express", probability: 0.2 },
      ],
    });
    const client = clientOf(emulator.apiKey, 10);

    const created = await Promise.all(
      Array.from({ length: 8 }, () => client.createCustomer(REQUEST)),
    );

    const ids = created.map((c) => c.expressCustomerId);
    expect(new Set(ids).size).toBe(8);
    expect((await customerIds()).sort()).toEqual([...ids].sort());
    expect((await emulator.admin.stats()).requests["POST /v1/express"].dropped).toBeGreaterThan(0);
  });

  it("does not send the create again when the reconciliation cannot list", async () => {
    await emulator.admin.setFaults({
      rules: [
        { fault: "drop-after", route: "POST /v1/express", next: 1 },
        { fault: "status", status: 500, route: "GET /v1/express" },
      ],
    });

    const client = clientOf(emulator.apiKey, 1);
    const error = await rejectionOf(client.createCustomer({ expressCustomerName: NAME }));

    expect(ServerError.isInstance(error)).toBe(true);
    expect((error as ServerError).path).toBe("/v1/express?limit=100");
    expect((await emulator.admin.stats()).requests["POST /v1/express"]).toEqual({ dropped: 1 });
    expect(capture.text()).toContain("then reconciliation failed");
  });
});

describe("membership calls after a lost answer", () => {
  it("treats 'not a member' after a lost removal as the removal having worked", async () => {
    const client = clientOf();
    const [userId] = await emulator.admin.seedUsers({ count: 1 });
    const { expressCustomerId } = await client.createCustomer({ expressCustomerName: NAME });
    await client.addUser(expressCustomerId, userId);
    await emulator.admin.setFaults({
      rules: [{ fault: "drop-after", route: "DELETE /v1/express/:id/users", next: 1 }],
    });

    expect((await client.removeUser(expressCustomerId, userId)).success).toBe(true);
    expect((await client.retrieveCustomer(expressCustomerId)).userCount).toBe(0);
  });

  it("still reports removing a user who never was a member", async () => {
    const client = clientOf();
    const [userId] = await emulator.admin.seedUsers({ count: 1 });
    const { expressCustomerId } = await client.createCustomer({ expressCustomerName: NAME });

    const error = await rejectionOf(client.removeUser(expressCustomerId, userId));

    expect((error as { apiCode?: string }).apiCode).toBe("not_a_member");
  });
});
