// The package's public API.
export type {
  FlowLogArgs,
  FlowRecordType,
  FormatArgs,
  NetworkWatcherArgs,
  RetentionPolicyArgs,
  TrafficAnalyticsArgs,
} from "./args";
export { InvalidFlowLogArgsError } from "./check-args";
export { FlowLog } from "./flow-log";
export {
  type LogLocation,
  logLocation,
  NSG_FLOW_LOG_CONTAINER,
  VNET_FLOW_LOG_CONTAINER,
} from "./log-location";
export * from "./nsg-flow-log-migration";
export type { FormatInputs, RetentionPolicyInputs, TrafficAnalyticsInputs } from "./provider/inputs";
