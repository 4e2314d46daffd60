// Gives the admin token when no flag or option does.
const ADMIN_TOKEN_ENV = "AVARA_EMULATOR_ADMIN_TOKEN";

// What every client can send as one Bearer token and bearerToken() reads back whole.
const USABLE_TOKEN = /^[\x21-\x7e]+$/;

function problemWith(token: string, source: string): string | undefined {
  if (token === "") {
    return `${source} is empty. Give a token, or drop ${source} to have one generated.`;
  }

  if (!USABLE_TOKEN.test(token)) {
    return (
      `${source} contains whitespace or characters a Bearer header cannot carry. ` +
      "Use visible ASCII characters only, without spaces."
    );
  }

  return undefined;
}

/**
 * Picks the admin token given explicitly (as `givenAs`, a flag or option name), else the one in
 * `AVARA_EMULATOR_ADMIN_TOKEN`, else `undefined`. Throws when the picked token is one no client
 * could send, since it would silently lock the admin API; the message names its source only.
 */
export function chooseAdminToken(
  given: string | undefined,
  givenAs: string,
  env: NodeJS.ProcessEnv,
): string | undefined {
  const token = given ?? env[ADMIN_TOKEN_ENV];
  const source = given === undefined ? ADMIN_TOKEN_ENV : givenAs;
  const problem = token === undefined ? undefined : problemWith(token, source);

  if (problem !== undefined) throw new Error(problem);

  return token;
}
