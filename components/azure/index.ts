// ARM access for flow logs: settings, clouds, credentials, errors and the ARM session.

export { ArmSession, type ArmSessionOptions, normalizeRegion } from "./arm-session";
export { resolveCloud } from "./clouds";
export { createCredential } from "./credentials";
export {
  AzureRequestError,
  describeAzureError,
  isAzureRequestError,
  isSignInFailure,
  redact,
} from "./errors";
export type { FlowLogOperations, KnownFlowLog } from "./flow-log-operations";
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
