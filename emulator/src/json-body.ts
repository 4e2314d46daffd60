import type { FastifyInstance } from "fastify";

import { ApiError } from "./api-error";
import { toApiError } from "./framework-errors";
import { dotPath } from "./validation";

/** A value still to look at in {@link findForbiddenKey}, linked to its parent to spell its path. */
interface Pending {
  value: unknown;
  key: string | undefined;
  parent: Pending | undefined;
}

function isForbidden(key: string, parentKey: string | undefined): boolean {
  return key === "__proto__" || (parentKey === "constructor" && key === "prototype");
}

function pathTo(node: Pending): string[] {
  const path: string[] = [];

  for (let at: Pending | undefined = node; at?.key !== undefined; at = at.parent) {
    path.push(at.key);
  }

  return path.reverse();
}

/**
 * Finds the path of a key that JSON allows but that could poison an object's prototype
 * once copied: `__proto__`, or `prototype` inside `constructor`. Walks with an explicit stack,
 * since a 1 MiB body can nest deeper than the call stack allows.
 */
export function findForbiddenKey(body: unknown): string[] | undefined {
  const pending: Pending[] = [{ value: body, key: undefined, parent: undefined }];

  for (let node = pending.pop(); node !== undefined; node = pending.pop()) {
    const { value } = node;

    if (typeof value !== "object" || value === null) continue;

    for (const [key, child] of Object.entries(value)) {
      const childNode = { value: child, key, parent: node };

      if (!Array.isArray(value) && isForbidden(key, node.key)) return pathTo(childNode);

      pending.push(childNode);
    }
  }

  return undefined;
}

// A body may nest thousands of levels deep; the end of the path is what locates the key.
const MAX_SHOWN_PATH_LENGTH = 200;

function forbiddenKeyError(path: string[]): ApiError {
  const key = path.at(-1);
  const fullPath = dotPath(path);
  const shownPath =
    fullPath.length > MAX_SHOWN_PATH_LENGTH
      ? `…${fullPath.slice(-MAX_SHOWN_PATH_LENGTH)}`
      : fullPath;

  return new ApiError(
    400,
    "forbidden_key",
    `The request body has the key ${JSON.stringify(key)} at ${shownPath}. Keys named ` +
      "__proto__, and prototype inside constructor, are not accepted anywhere in a body; " +
      "rename or remove it.",
  );
}

/**
 * Parses JSON bodies: an empty body is no body (bodyless POSTs may still carry Content-Type),
 * invalid JSON is 400 `invalid_json`, a prototype-poisoning key is 400 `forbidden_key`,
 * and any other media type is 415 `unsupported_media_type`.
 */
export function installJsonBodyParsing(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();

  app.addContentTypeParser("application/json", { parseAs: "string" }, (_request, body, done) => {
    if (body === "") {
      done(null, undefined);
      return;
    }

    let parsed: unknown;

    try {
      // JSON.parse stores __proto__ as a plain own key, so parsing itself pollutes nothing.
      parsed = JSON.parse(body as string);
    } catch {
      done(toApiError({ code: "FST_ERR_CTP_INVALID_JSON_BODY" }), undefined);
      return;
    }

    const forbidden = findForbiddenKey(parsed);

    if (forbidden !== undefined) {
      done(forbiddenKeyError(forbidden), undefined);
      return;
    }

    done(null, parsed);
  });

  app.addContentTypeParser("*", { parseAs: "string" }, (_request, body, done) => {
    if (body === "") {
      done(null, undefined);
      return;
    }

    done(toApiError({ code: "FST_ERR_CTP_INVALID_MEDIA_TYPE" }), undefined);
  });
}
