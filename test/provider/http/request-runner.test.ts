import { describe, expect, it } from "vitest";
import { z } from "zod";

import {
  ConnectionError,
  RateLimitError,
  ServerError,
  TimeoutError,
  UnexpectedResponseError,
  ValidationError,
} from "../../../provider/src/errors";
import { ServerClockOffsets } from "../../../provider/src/http/clock";
import { RequestLimiter } from "../../../provider/src/http/limiter";
import { RequestRunner, type CallHooks } from "../../../provider/src/http/request-runner";
import { resolveSettings } from "../../../provider/src/http/settings";
import {
  TransportFailure,
  type Transport,
  type TransportRequest,
  type TransportResponse,
} from "../../../provider/src/http/transport";
import { captureLogger, fakeClock, rejectionOf } from "./helpers/capture";

const KEY = "sk_live_0123456789abcdef0123456789abcdef";

type Step = TransportResponse | TransportFailure;

const ok = (body: unknown = { value: 1 }): TransportResponse => ({
  status: 200,
  headers: {},
  body,
});
const status = (code: number, headers: Record<string, string> = {}): TransportResponse => ({
  status: code,
  headers,
  body: { message: `status ${code}`, code: "test" },
});
const dropped = () => new TransportFailure("connection", true, new Error("socket hang up"));
const refused = () => {
  const cause = Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" });
  return new TransportFailure("connection", false, cause);
};
const timedOut = () => new TransportFailure("timeout", true, new Error("aborted"));
const refusedToBuild = () => {
  const cause = Object.assign(new Error("invalid authorization header"), {
    code: "UND_ERR_INVALID_ARG",
  });
  return new TransportFailure("invalid", false, cause);
};

const schema = z.object({ value: z.number() });
const parse = (body: unknown) => schema.safeParse(body);

function setup(steps: Step[], options: { maxRetries?: number; deadlineMs?: number } = {}) {
  const clock = fakeClock();
  const sent: TransportRequest[] = [];
  const capture = captureLogger();
  const transport: Transport = async (request) => {
    sent.push(request);
    const step = steps.shift();
    if (step === undefined) throw new Error("the test script ran out of answers");
    if (step instanceof TransportFailure) throw step;
    return step;
  };
  const settings = resolveSettings(
    { apiKey: KEY, baseUrl: "http://127.0.0.1:1", logger: capture.logger, ...options },
    {},
  );
  const limiter = new RequestLimiter();
  const runner = new RequestRunner(settings, {
    transport,
    clock,
    random: () => 0,
    limiter,
    offsets: new ServerClockOffsets(),
  });
  const call = <R = { value: number }>(
    method: "GET" | "POST" | "PATCH" = "GET",
    hooks: CallHooks<R> = {},
  ) => runner.call(
    { method, path: "/v1/express", body: method === "GET" ? undefined : { a: 1 } },
    parse as never,
    hooks,
  ) as Promise<R>;
  return { clock, sent, capture, call, limiter, runner };
}

describe("RequestRunner", () => {
  it("returns the parsed body of a 2xx and logs one info line", async () => {
    const { call, capture } = setup([ok()]);

    expect(await call()).toEqual({ value: 1 });
    const info = capture.lines.filter((line) => line.includes(" info: "));
    expect(info).toHaveLength(1);
    expect(info[0]).toMatch(
      /\[avara req_[0-9a-f]{6}\] GET \/v1\/express -> 200 in \d+ms \(retries: 0\)/,
    );
  });

  it("sends the headers of the contract, and a JSON content type only with a body", async () => {
    const { call, sent } = setup([ok(), ok()]);
    await call("GET");
    await call("POST");

    expect(sent[0].headers).toEqual({
      authorization: `Bearer ${KEY}`,
      accept: "application/json",
      "user-agent": expect.stringMatching(/^pulumi-avara\/\d+\.\d+\.\d+ \(node \d+\.\d+\.\d+\)$/),
    });
    expect(sent[0].body).toBeUndefined();
    expect(sent[1].headers["content-type"]).toBe("application/json");
    expect(sent[1].body).toBe('{"a":1}');
  });

  it("retries a 500 with backoff and reports the retries on success", async () => {
    const { call, clock, capture } = setup([status(500), status(502), ok()]);

    expect(await call()).toEqual({ value: 1 });
    expect(clock.sleeps).toEqual([500, 1000]);
    expect(capture.text()).toContain("-> 200 in 1500ms (retries: 2)");
  });

  it("honours retry-after-ms on a 429 and pauses the process limiter", async () => {
    const { call, clock, limiter } = setup([status(429, { "retry-after-ms": "1234" }), ok()]);
    const startedAt = clock.now();

    await call();

    expect(clock.sleeps).toEqual([1234]);
    expect(limiter.pausedUntil).toBe(startedAt + 1234);
    expect(limiter.limit).toBeLessThan(limiter.maxInFlight);
  });

  it("fails at once, without a retry, when the transport cannot build the request", async () => {
    const { call, sent, clock } = setup([refusedToBuild(), ok()]);

    const error = await rejectionOf(call("POST"));

    expect(error).toMatchObject({ code: "AVARA_E_INVALID_INPUT" });
    expect((error as Error).message).toMatch(/^POST \/v1\/express could not be sent: .*API key/);
    expect(sent).toHaveLength(1);
    expect(clock.sleeps).toEqual([]);
  });

  it("gives up after maxRetries with the last error, counting the retries", async () => {
    const { call, sent } = setup([status(503), status(503), status(503)], { maxRetries: 2 });
    const error = await rejectionOf(call());

    expect(ServerError.isInstance(error)).toBe(true);
    expect((error as ServerError).retries).toBe(2);
    expect((error as Error).message).toContain("after 2 retries");
    expect(sent).toHaveLength(3);
  });

  it("never sleeps past the deadline: it fails with the last error instead", async () => {
    const { call, clock, sent } = setup([status(429, { "retry-after": "30" })], {
      deadlineMs: 10_000,
    });
    const error = await rejectionOf(call());

    expect(RateLimitError.isInstance(error)).toBe(true);
    expect(clock.sleeps).toEqual([]);
    expect(sent).toHaveLength(1);
  });

  it("fails with a clear timeout when its deadline passes in the limiter's queue", async () => {
    const { call, clock, sent, capture, limiter } = setup([], { deadlineMs: 10_000 });
    const never = Number.MAX_SAFE_INTEGER;
    for (let i = 0; i < limiter.limit; i += 1) await limiter.acquire(clock, never);

    const pending = rejectionOf(call());
    clock.advance(10_000);
    const error = await pending;

    expect(TimeoutError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(
      /^GET \/v1\/express ran out of its deadline \(deadlineMs\) while waiting for the .*limiter/,
    );
    expect((error as Error).message).toContain("Raise deadlineMs");
    expect((error as Error).message).toContain("pulumi up --parallel");
    expect(sent).toHaveLength(0);
    expect([limiter.inFlight, limiter.waiting]).toEqual([limiter.limit, 0]);
    expect(capture.text()).toContain("deadline passed while waiting for the limiter");
  });

  it("holds the process for at most a minute, whatever Retry-After says", async () => {
    const { call, clock, limiter } = setup([status(429, { "retry-after": "3600" })]);
    const startedAt = clock.now();

    expect(RateLimitError.isInstance(await rejectionOf(call()))).toBe(true);
    expect(limiter.pausedUntil).toBe(startedAt + 60_000);
  });

  it("limits each attempt's timeout to what is left of the deadline", async () => {
    const { call, sent, clock } = setup([status(500), ok()], { deadlineMs: 20_000 });
    clock.advance(0);
    await call();

    expect(sent[0].timeoutMs).toBe(20_000);
    expect(sent[1].timeoutMs).toBe(19_500);
  });

  it("does not retry a final 4xx", async () => {
    const { call, sent } = setup([{ ...status(400), body: { message: "bad", errors: [] } }]);

    expect(ValidationError.isInstance(await rejectionOf(call("PATCH")))).toBe(true);
    expect(sent).toHaveLength(1);
  });

  it.each([
    ["a dropped connection", dropped, ConnectionError],
    ["a timeout", timedOut, TimeoutError],
  ])("retries %s and throws its error class when it persists", async (_, failure, errorClass) => {
    const { call, sent } = setup([failure(), failure()], { maxRetries: 1 });
    const error = await rejectionOf(call());

    expect(errorClass.isInstance(error)).toBe(true);
    expect(sent).toHaveLength(2);
  });

  it("asks before resending a request that may have been processed", async () => {
    const asked: number[] = [];
    const { call, sent } = setup([dropped()]);
    const result = await call("POST", {
      beforeResend: async (deadlineAt) => {
        asked.push(deadlineAt);
        return { value: 42 };
      },
    });

    expect(result).toEqual({ value: 42 });
    expect(asked).toHaveLength(1);
    expect(sent).toHaveLength(1);
  });

  it("looks once more when no retry is left, and fails with the last error if none", async () => {
    const looked: string[] = [];
    const hooks = {
      beforeResend: async () => {
        looked.push("looked");
        return looked.length === 1 ? { value: 7 } : undefined;
      },
    };

    expect(await setup([dropped()], { maxRetries: 0 }).call("POST", hooks)).toEqual({ value: 7 });
    const error = await rejectionOf(setup([timedOut()], { maxRetries: 0 }).call("POST", hooks));
    expect(TimeoutError.isInstance(error)).toBe(true);
    expect(looked).toHaveLength(2);
  });

  it("does not look when the failure was final", async () => {
    let looked = false;
    const { call } = setup([status(404)]);
    await rejectionOf(
      call("POST", {
        beforeResend: async () => {
          looked = true;
          return undefined;
        },
      }),
    );

    expect(looked).toBe(false);
  });

  it("resends when the hook finds nothing", async () => {
    const { call, sent } = setup([status(500), ok()]);
    const result = await call("POST", { beforeResend: async () => undefined });

    expect(result).toEqual({ value: 1 });
    expect(sent).toHaveLength(2);
  });

  it.each([
    ["a 429", () => status(429, { "retry-after-ms": "0" })],
    ["a 503 with Retry-After", () => status(503, { "retry-after": "0" })],
    ["a refused connection", refused],
  ])("resends after %s without asking: nothing was processed", async (_name, failure) => {
    let asked = false;
    const { call, sent } = setup([failure(), ok()]);
    await call("POST", {
      beforeResend: async () => {
        asked = true;
        return undefined;
      },
    });

    expect(asked).toBe(false);
    expect(sent).toHaveLength(2);
  });

  it("tells the caller whether each retried attempt may have been processed", async () => {
    const seen: string[] = [];
    const { call } = setup([status(429), dropped(), ok()]);
    await call("POST", { onRetry: (processed) => seen.push(processed) });

    expect(seen).toEqual(["no", "maybe"]);
  });

  it("throws UnexpectedResponseError with the zod issues for a 2xx off the schema", async () => {
    const { call } = setup([ok({ value: "one" })]);
    const error = await rejectionOf(call());

    expect(UnexpectedResponseError.isInstance(error)).toBe(true);
    const unexpected = error as UnexpectedResponseError;
    expect(unexpected.issues[0].path).toEqual(["value"]);
    expect(unexpected.message).toContain("200 from GET /v1/express: the answer does not match");
  });

  it("masks a key the server echoes into the zod issues of a 2xx breaking the schema", async () => {
    const { runner } = setup([ok({ value: 1, [KEY]: true })]);
    const strict = z.strictObject({ value: z.number() });

    const error = await rejectionOf(
      runner.call({ method: "GET", path: "/v1/express" }, (body) => strict.safeParse(body)),
    );

    expect(UnexpectedResponseError.isInstance(error)).toBe(true);
    expect((error as UnexpectedResponseError).issues).toHaveLength(1);
    expect(JSON.stringify(error)).not.toContain(KEY);
  });

  it("keeps the key out of every log line, retries included", async () => {
    const { call, capture } = setup([status(500), dropped(), ok()]);
    await call();

    expect(capture.text()).toContain("authorization");
    expect(capture.text()).not.toContain(KEY);
  });
});
