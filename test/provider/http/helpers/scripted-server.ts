import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

import { afterEach } from "vitest";

/** One scripted answer; `drop` closes the connection instead of answering. */
export interface ScriptedAnswer {
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
  drop?: boolean;
  delayMs?: number;
}

/** What the server received. */
export interface ReceivedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A running scripted server: its URL, what it received so far, and how to stop it. */
export interface ScriptedServer {
  url: string;
  received: ReceivedRequest[];
  close: () => Promise<void>;
}

/**
 * A loopback HTTP server that answers from a script, for what the emulator does not do (403, 422,
 * a body that breaks the contract, an HTTP-date Retry-After…). The last answer repeats.
 */
export async function startScriptedServer(script: ScriptedAnswer[]): Promise<ScriptedServer> {
  const received: ReceivedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      received.push({
        method: req.method ?? "",
        url: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      });
      const answer = script[Math.min(received.length - 1, script.length - 1)] ?? {};
      setTimeout(() => {
        if (answer.drop) {
          req.socket.destroy();
          return;
        }
        const body =
          typeof answer.body === "string" ? answer.body : JSON.stringify(answer.body ?? {});
        res.writeHead(answer.status ?? 200, {
          "content-type": "application/json",
          ...answer.headers,
        });
        res.end(body);
      }, answer.delayMs ?? 0);
    });
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * For the calling suite: returns a function that starts a scripted server, and closes every
 * server it started after each test.
 */
export function useScriptedServers(): (script: ScriptedAnswer[]) => Promise<ScriptedServer> {
  const started: ScriptedServer[] = [];

  afterEach(async () => {
    await Promise.all(started.splice(0).map((server) => server.close()));
  });

  return async (script) => {
    const server = await startScriptedServer(script);
    started.push(server);
    return server;
  };
}
