// The package's public API.
export type {
  FlowLogArgs,
  FormatArgs,
  NetworkWatcherArgs,
  RetentionPolicyArgs,
  TrafficAnalyticsArgs,
} from "./args";
export {
  type LogLocation,
  logLocation,
  NSG_FLOW_LOG_CONTAINER,
  VNET_FLOW_LOG_CONTAINER,
} from "./azure/log-location";
export { InvalidFlowLogArgsError } from "./check-args";
export { FlowRecordType, FormatType, OnDestroy } from "./enums";
export { FlowLog } from "./flow-log";
export * from "./nsg-flow-log-migration";
export type { Format, RetentionPolicy, TrafficAnalytics } from "./outputs";
/** The names 0.3.0 exported for the same shapes (the provider's own), kept so programs that use them compile. */
export type { FormatInputs, RetentionPolicyInputs, TrafficAnalyticsInputs } from "./provider/inputs";
