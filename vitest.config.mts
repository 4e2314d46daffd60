import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    setupFiles: ["test/setup/no-console.ts"],
    reporters: ["default", "./test/setup/summary-line-reporter.ts"],
    // Engine tests start the Pulumi CLI, a language host and a provider process per step.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
