/**
 * The package's own version, read from provider/package.json at load time, for the User-Agent.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";

function readVersion(): string {
  // src/ and dist/ both sit directly under the package root, so one relative path serves both.
  const manifest = JSON.parse(readFileSync(join(__dirname, "..", "package.json"), "utf8"));
  return typeof manifest.version === "string" ? manifest.version : "0.0.0";
}

/** The version of pulumi-avara in use, as in its package.json. */
export const PACKAGE_VERSION: string = readVersion();

/** The User-Agent of every request: `pulumi-avara/<version> (node <version>)`. */
export const USER_AGENT = `pulumi-avara/${PACKAGE_VERSION} (node ${process.versions.node})`;
