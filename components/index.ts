// The package's public API.
export type {
  FlowLogArgs,
  FormatArgs,
  NetworkWatcherArgs,
  RetentionPolicyArgs,
  TrafficAnalyticsArgs,
} from "./args";
export { InvalidFlowLogArgsError } from "./check-args";
export { FlowRecordType, FormatType, OnDestroy } from "./enums";
export { FlowLog } from "./flow-log";
export {
  type LogLocation,
  logLocation,
  NSG_FLOW_LOG_CONTAINER,
  VNET_FLOW_LOG_CONTAINER,
} from "./log-location";
export * from "./nsg-flow-log-migration";
export type { FormatInputs, RetentionPolicyInputs, TrafficAnalyticsInputs } from "./provider/inputs";
