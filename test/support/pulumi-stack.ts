import { execFile, execFileSync } from "node:child_process";
import { cp, mkdir, mkdtemp, rm, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";

import {
  type DestroyResult,
  LocalWorkspace,
  type PreviewOptions,
  type PreviewResult,
  PulumiCommand,
  type RefreshResult,
  type Stack,
  type UpResult,
} from "@pulumi/pulumi/automation";

/** The repository root, whose node_modules every test program resolves packages from. */
export const repoRoot = resolve(__dirname, "../..");

/** A passphrase for throwaway test stacks only; it protects nothing of value. */
const TEST_PASSPHRASE = "test-only-passphrase";

/** How a test describes the stack it wants. */
export interface TestStackOptions {
  /** A folder with a Pulumi.yaml (with an explicit `main`) and the program it names. */
  programDir: string;
  stackName?: string;
  config?: Record<string, { value: string; secret?: boolean }>;
  envVars?: Record<string, string>;
}

/** A throwaway stack on a temporary file backend, driven through the Automation API. */
export interface TestStack {
  stack: Stack;
  /** The copy of the program the engine runs, outside the repository like a user's own. */
  programDir: string;
  up(): Promise<UpResult>;
  preview(options?: PreviewOptions): Promise<PreviewResult>;
  refresh(): Promise<RefreshResult>;
  destroy(): Promise<DestroyResult>;
  /** Everything the CLI printed so far, across every command of this stack. */
  output(): string;
  /**
   * The JSON text of `pulumi stack export`: the state as stored, secrets encrypted. (The
   * Automation API's `exportStack()` adds --show-secrets, which would decrypt them.)
   */
  exportState(): Promise<string>;
}

const run = promisify(execFile);

let cachedBinDir: string | undefined;

/** The folder with the pinned `pulumi` and language host; `npm test` has built them already. */
export function pulumiBinDir(): string {
  cachedBinDir ??= execFileSync("bash", [join(repoRoot, "scripts/ensure-pulumi")], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  }).trim();

  return cachedBinDir;
}

/**
 * Runs `body` with a fresh stack of the program in `options.programDir`, and removes the stack,
 * its backend and its PULUMI_HOME afterwards, even when `body` throws.
 */
export async function withTestStack<T>(
  options: TestStackOptions,
  body: (stack: TestStack) => Promise<T>,
): Promise<T> {
  const scratch = await mkdtemp(join(tmpdir(), "pulumi-avara-test-"));

  try {
    const testStack = await createTestStack(scratch, options);

    return await body(testStack);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

async function createTestStack(scratch: string, options: TestStackOptions): Promise<TestStack> {
  const programDir = join(scratch, "program");
  const backendDir = join(scratch, "state");
  const pulumiHome = join(scratch, "home");
  const binDir = pulumiBinDir();

  // A copy outside the repository, with the repository's packages linked in, behaves like a
  // user's own project, and tests cannot leave stack files behind in the repository.
  await cp(options.programDir, programDir, { recursive: true });
  await symlink(join(repoRoot, "node_modules"), join(scratch, "node_modules"), "dir");
  await mkdir(backendDir);

  // The Automation API runs `<root>/bin/pulumi`; a link gives it that layout for any bin folder.
  const cliRoot = join(scratch, "cli");
  await mkdir(join(cliRoot, "bin"), { recursive: true });
  await symlink(join(binDir, "pulumi"), join(cliRoot, "bin", "pulumi"));
  const pulumiCommand = await PulumiCommand.get({ root: cliRoot });

  const envVars: Record<string, string> = {
    PATH: [join(repoRoot, "node_modules/.bin"), binDir, process.env.PATH ?? ""].join(":"),
    PULUMI_HOME: pulumiHome,
    PULUMI_BACKEND_URL: `file://${backendDir}`,
    PULUMI_CONFIG_PASSPHRASE: TEST_PASSPHRASE,
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    ...options.envVars,
  };

  const stack = await LocalWorkspace.createOrSelectStack(
    { stackName: options.stackName ?? "test", workDir: programDir },
    { envVars, pulumiHome, pulumiCommand },
  );
  if (options.config) {
    await stack.setAllConfig(options.config);
  }

  const printed: string[] = [];
  const onOutput = (text: string) => printed.push(text);
  const onError = (text: string) => printed.push(text);

  return {
    stack,
    programDir,
    up: () => stack.up({ onOutput, onError }),
    preview: (previewOptions) => stack.preview({ ...previewOptions, onOutput, onError }),
    refresh: () => stack.refresh({ onOutput, onError }),
    destroy: () => stack.destroy({ onOutput, onError }),
    output: () => printed.join(""),
    exportState: async () => {
      const pulumi = join(cliRoot, "bin", "pulumi");
      const exported = await run(pulumi, ["stack", "export", "--stack", stack.name], {
        cwd: programDir,
        env: { ...process.env, ...envVars },
      });

      return exported.stdout;
    },
  };
}
