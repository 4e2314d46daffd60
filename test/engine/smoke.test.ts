import { existsSync } from "node:fs";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { withTestStack } from "../support/pulumi-stack";

describe("the Pulumi engine", () => {
  let markers: string;

  beforeEach(async () => {
    markers = await mkdtemp(join(tmpdir(), "pulumi-avara-markers-"));
  });

  afterEach(async () => {
    await rm(markers, { recursive: true, force: true });
  });

  it("creates, refreshes without changes and destroys a dynamic resource", async () => {
    const programDir = join(__dirname, "programs/smoke");

    await withTestStack({ programDir, config: { folder: { value: markers } } }, async (t) => {
      const up = await t.up();
      expect(up.summary.result).toBe("succeeded");
      expect(up.outputs.markerId.value).toBe("marker-first");
      expect(existsSync(join(markers, "marker-first"))).toBe(true);

      const preview = await t.preview({ refresh: true, expectNoChanges: true });
      expect(preview.changeSummary).toEqual({ same: 2 });

      const destroy = await t.destroy();
      expect(destroy.summary.result).toBe("succeeded");
      expect(await readdir(markers)).toEqual([]);
    });
  });

  it("runs the program on the pinned Node 24 and CLI, with a temporary backend", async () => {
    const programDir = join(__dirname, "programs/smoke");

    await withTestStack({ programDir, config: { folder: { value: markers } } }, async (t) => {
      expect(await t.stack.workspace.pulumiVersion).toBe("3.276.0");
      expect((await t.stack.workspace.whoAmI()).url).toMatch(/^file:\/\/.*pulumi-avara-test-/);

      const up = await t.up();
      expect(up.outputs.nodeVersion.value).toMatch(/^v24\./);
    });
  });
});
