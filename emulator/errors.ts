// ARM and Entra ID errors, one named function per code, as the real services shape them.
export class ArmError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Gateway errors carry no `details`; resource-provider errors do. */
    readonly gateway = false,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  body(): unknown {
    return { error: { code: this.code, message: this.message, ...(this.gateway ? {} : { details: [] }) } };
  }
}

const NOT_FOUND_FIX = "For more details please go to https://aka.ms/ARMResourceNotFoundFix";

export const armErrors = {
  authenticationFailed: (why: string) =>
    new ArmError(401, "AuthenticationFailed", `Authentication failed. ${why}`, true),
  expiredToken: () =>
    new ArmError(
      401,
      "ExpiredAuthenticationToken",
      "The access token expiry UTC time is earlier than current UTC time.",
      true,
    ),
  wrongTenant: (sub: string) =>
    new ArmError(
      401,
      "InvalidAuthenticationTokenTenant",
      `The access token is from the wrong issuer. It must match the tenant associated with subscription '${sub}'.`,
      true,
    ),
  wrongAudience: () =>
    new ArmError(
      401,
      "InvalidAuthenticationTokenAudience",
      "The access token has been obtained for wrong audience or resource.",
      true,
    ),
  missingApiVersion: () =>
    new ArmError(
      400,
      "MissingApiVersionParameter",
      "The api-version query parameter (?api-version=) is required for all requests.",
      true,
    ),
  invalidApiVersion: (version: string, type: string, supported: string[]) =>
    new ArmError(
      400,
      "InvalidApiVersionParameter",
      `The api-version '${version}' is invalid. The supported versions for '${type}' are '${supported.join(",")}'.`,
      true,
    ),
  subscriptionNotFound: (sub: string) =>
    new ArmError(404, "SubscriptionNotFound", `The subscription '${sub}' could not be found.`, true),
  resourceGroupNotFound: (rg: string) =>
    new ArmError(404, "ResourceGroupNotFound", `Resource group '${rg}' could not be found.`, true),
  resourceNotFound: (typeAndName: string, rg: string) =>
    new ArmError(
      404,
      "ResourceNotFound",
      `The Resource '${typeAndName}' under resource group '${rg}' was not found. ${NOT_FOUND_FIX}`,
      true,
    ),
  parentResourceNotFound: (parent: string) =>
    new ArmError(
      404,
      "ParentResourceNotFound",
      `Can not perform requested operation on nested resource. Parent resource '${parent}' not found.`,
    ),
  notRoutable: (method: string, path: string) =>
    new ArmError(
      404,
      "NoRegisteredProviderFound",
      `No registered resource provider found for ${method} ${path}.`,
      true,
    ),
  // Inferred: ARM's answer to a body sent without a JSON content type (e.g. `az rest` when the body is not strict JSON).
  unsupportedMediaType: (contentType: string) =>
    new ArmError(
      415,
      "UnsupportedMediaType",
      `The content media type '${contentType || "null"}' is not supported. Only 'application/json' is supported.`,
      true,
    ),
  invalidRequestContent: (why: string) =>
    new ArmError(
      400,
      "InvalidRequestContent",
      `The request content was invalid and could not be deserialized: ${why}`,
    ),
  // A nextLink's continuation the emulator did not hand out; ARM's code and text are not recorded (inferred).
  invalidSkipToken: (token: string) =>
    new ArmError(400, "InvalidSkipToken", `The skip token '${token}' is not valid for this list.`),
  // A DELETE of a flow log whose target subnet was deleted: code and text as reported in
  // Azure/azure-cli#31506 (2025); the status was not shown, 400 is inferred (ARM's validation answer).
  subnetNotFoundForFlowLog: (subnet: string) =>
    new ArmError(
      400,
      "SubnetNotFoundForFlowLog",
      `Subnet resource ${subnet} passed for the flow log does not exist.`,
    ),
  // The codes below were not found in public sources; they are inferred, and named as Azure names its others.
  storageRegionMismatch: (storage: string, storageRegion: string, targetRegion: string) =>
    new ArmError(
      400,
      "StorageAccountLocationMismatch",
      `Storage account ${storage} is in ${storageRegion}; flow logs of a resource in ${targetRegion} must be stored in an account in ${targetRegion}.`,
    ),
  retentionOutOfRange: (days: unknown) =>
    new ArmError(
      400,
      "InvalidFlowLogRetentionDays",
      `Retention policy days ${JSON.stringify(days)} is invalid. Valid values are 0 (retain forever) to 365.`,
    ),
  formatVersionInvalid: (version: unknown) =>
    new ArmError(
      400,
      "InvalidFlowLogFormatVersion",
      `Flow log format version ${JSON.stringify(version)} is invalid. Valid values are 1 and 2.`,
    ),
  formatTypeInvalid: (type: unknown) =>
    new ArmError(
      400,
      "InvalidFlowLogFormatType",
      `Flow log format type ${JSON.stringify(type)} is invalid. The only valid value is JSON.`,
    ),
  intervalInvalid: (interval: unknown) =>
    new ArmError(
      400,
      "InvalidTrafficAnalyticsInterval",
      `Traffic analytics interval ${JSON.stringify(interval)} is invalid. Valid values are 10 and 60 minutes.`,
    ),
  workspaceFieldsMissing: (missing: string[]) =>
    new ArmError(
      400,
      "TrafficAnalyticsWorkspaceParametersMissing",
      `Traffic analytics is enabled but ${missing.join(", ")} ${missing.length > 1 ? "are" : "is"} missing.`,
    ),
  workspaceRegion: (stated: string, workspace: string, real: string) =>
    new ArmError(
      400,
      "InvalidTAWorkspaceRegion",
      `The specified region ${stated} for workspace is invalid. Workspace ${workspace} located in ${real} region.`,
    ),
  insightsNotRegistered: (sub: string) =>
    new ArmError(
      400,
      "MicrosoftInsightsNotRegistered",
      `Subscription ${sub} is not registered with the resource provider Microsoft.Insights, which flow logging requires. Register it and try again.`,
    ),
  unsupportedTarget: (target: string) =>
    new ArmError(
      400,
      "FlowLogTargetNotSupported",
      `configureFlowLog and queryFlowLogStatus support network security groups only; ${target} is not one. Use the Network Watcher flowLogs resource for virtual network, subnet and network interface flow logs.`,
    ),
  nsgFlowLogCreationBlocked: () =>
    new ArmError(
      400,
      "NsgFlowLogCreationBlocked",
      "On September 30, 2027, Network Security Group (NSG) flow logs will be retired. As part of this retirement, creation of new NSG flow logs is blocked starting June 30, 2025, but you will be able to continue using and modifying settings for existing NSG flow logs that are previously deployed/configured until Sept 30th 2027. We recommend migrating to virtual network flow logs, which overcome the limitations of NSG flow logs. For migration, please refer to https://learn.microsoft.com/en-us/azure/network-watcher/nsg-flow-logs-migrate.",
    ),
  filteringCriteriaInvalid: (why: string) =>
    new ArmError(
      400,
      "InvalidFilteringCriteria",
      `The flow log's enabledFilteringCriteria is invalid: ${why}.`,
    ),
  recordTypesInvalid: (value: unknown) =>
    new ArmError(
      400,
      "InvalidRecordTypes",
      `The flow log's recordTypes ${JSON.stringify(value)} is invalid. It must be a comma-separated combination of B, C, E and D.`,
    ),
  // The code is ARM's answer to a system-assigned identity on a flow log (issue #12); the text is inferred.
  cannotSetResourceIdentity: (type: string) =>
    new ArmError(
      400,
      "CannotSetResourceIdentity",
      `Resource type 'Microsoft.Network/networkWatchers/flowLogs' does not support identity type '${type}'. Flow logs accept a user-assigned identity only.`,
    ),
  identityNotFound: (id: string) =>
    new ArmError(
      400,
      "InvalidIdentity",
      `The user-assigned identity '${id}' was not found. Create it, or give the ID of an existing one.`,
    ),
  anotherOperationInProgress: (target: string) =>
    new ArmError(
      409,
      "AnotherOperationInProgress",
      `Another operation on this or dependent resource is in progress. Target: ${target}. Retry the request after the operation completes.`,
    ),
  throttled: (retryAfter: number) =>
    new ArmError(
      429,
      "SubscriptionRequestsThrottled",
      `Number of requests for subscription exceeded the limit. Please retry after ${retryAfter} seconds.`,
      true,
      { "Retry-After": String(retryAfter) },
    ),
  internal: () => new ArmError(500, "InternalServerError", "An error occurred."),
  unavailable: () =>
    new ArmError(503, "ServiceUnavailable", "The service is temporarily unavailable. Please retry later."),
};

/** Entra ID's error shape (OAuth 2.0), with AADSTS codes in the description. */
export class AadError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly description: string,
  ) {
    super(description);
  }

  body(): unknown {
    return {
      error: this.error,
      error_description: this.description,
      error_codes: [Number(/AADSTS(\d+)/.exec(this.description)?.[1] ?? 0)],
    };
  }
}
