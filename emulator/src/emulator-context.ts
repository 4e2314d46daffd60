import type { FaultInjector } from "./faults/fault-injector";
import type { CursorCodec } from "./pagination";
import type { RequestStats } from "./stats";
import type { EmulatorStore } from "./store/emulator-store";

/** What the routes and hooks of one emulator share. */
export interface EmulatorContext {
  store: EmulatorStore;
  stats: RequestStats;
  faults: FaultInjector;
  cursors: CursorCodec;
  adminToken: string;
  /** The clinic of keys created without one. */
  defaultClinic: string;
}
