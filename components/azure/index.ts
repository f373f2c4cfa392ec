// ARM access for flow logs: settings, clouds, credentials, errors and the flow-log service.
export { resolveCloud } from "./clouds";
export { createCredential } from "./credentials";
export {
  AzureRequestError,
  describeAzureError,
  isAzureRequestError,
  isSignInFailure,
  redact,
} from "./errors";
export {
  FlowLogService,
  type FlowLogServiceOptions,
  type KnownFlowLog,
  normalizeRegion,
} from "./flow-logs";
export { OWNER_TAG } from "./normalize";
export {
  childName,
  networkWatcherId,
  parseResourceId,
  sameResourceId,
  type TargetKind,
  targetKind,
} from "./resource-id";
export { type NsgRule, type NsgRules, readNsgRules } from "./security-rules";
export { resolveAzureSettings } from "./settings";
export type * from "./types";
