// Runs the project's benchmarks (`npm run bench`); each is bounded in count and time.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const benchmarks = ["client-throughput.mjs"];

for (const name of benchmarks) {
  const script = fileURLToPath(new URL(name, import.meta.url));
  const result = spawnSync(process.execPath, ["--expose-gc", script, ...process.argv.slice(2)], {
    stdio: "inherit",
    timeout: 10 * 60 * 1000,
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
