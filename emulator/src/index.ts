// The public surface of the emulator package: start it, drive its admin API, and the types
// of its fault spec, stats and wire objects.
export { AdminClient, type CreatedKey, EmulatorAdminError } from "./admin-client";
export type { ErrorBody, FieldError } from "./api-error";
export type { FaultRule, FaultSpec } from "./faults/fault-spec";
export { faultSpecSchema } from "./faults/fault-spec";
export type { RequestLogger } from "./request-log";
export { buildServer, type EmulatorServer, type ServerOptions } from "./server";
export {
  DEFAULT_CLINIC,
  type EmulatorOptions,
  type RunningEmulator,
  startEmulator,
} from "./start-emulator";
export type { EmulatorStats, RequestCounts } from "./stats";
export type { WireCustomer } from "./customer-wire";
