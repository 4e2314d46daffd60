// `npm run emulator`: keeps the demo's emulator running (127.0.0.1:4010, the demo database and
// key) for the README's walkthrough, printing one line per request, until Ctrl-C.
import { startDemoEmulator } from "./demo-emulator-process.mjs";
import { DEMO_URL } from "./demo-settings.mjs";

const emulator = await startDemoEmulator({ inherit: true });
process.stdout.write(`Serving ${DEMO_URL} for the walkthrough; Ctrl-C stops the emulator.\n`);

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    emulator.stop().then(() => process.exit(0));
  });
}

await emulator.exited;
