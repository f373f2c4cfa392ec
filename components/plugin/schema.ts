// The provider plugin's Pulumi package schema (`pulumi package get-schema`): the FlowLog and
// NsgFlowLogMigration components other languages construct, and the custom resources they are made of.
import {
  flowLogInputs,
  flowLogRequired,
  PACKAGE,
  type Properties,
  reportedOutputs,
  token,
  types,
} from "./schema-types";

export const TOKENS = {
  flowLog: token("FlowLog"),
  migration: token("NsgFlowLogMigration"),
  settings: token("FlowLogSettings"),
  handover: token("NsgFlowLogHandover"),
} as const;

const ref = (name: string) => `#/types/${token(name)}`;

/** What a FlowLog reports, as its TypeScript class declares them (components/flow-log.ts). */
const flowLogOutputs: Properties = {
  ...Object.fromEntries(
    [
      "targetResourceId",
      "enabled",
      "storageAccountId",
      "retentionPolicy",
      "format",
      "trafficAnalytics",
      "enabledFilteringCriteria",
      "recordTypes",
      "identity",
      "tags",
      "onDestroy",
    ].map((name) => [name, flowLogInputs[name]]),
  ),
  ...reportedOutputs,
  containerName: {
    type: "string",
    description: "Blob container in the storage account that receives the logs.",
  },
  blobPathPrefix: {
    type: "string",
    description:
      "Blob name prefix of this target's logs, followed by `y=YYYY/m=MM/d=DD/h=HH/m=00/macAddress=<MAC>/PT1H.json`.",
  },
};

/** What only the resource that does the work records: how it is owned and bounded. */
const settingsBookkeeping: Properties = {
  ownerUrn: {
    type: "string",
    description:
      "URN of the component the flow log belongs to; its hash goes into the flow log's owner tag. Default: this resource's URN.",
  },
  ownerId: {
    type: "string",
    description: "The owner tag's value, made at the first check and kept. Set by the provider.",
  },
  customTimeoutSeconds: {
    $ref: ref("OperationTimeouts"),
    description:
      "The component's customTimeouts, in seconds, bounding each operation instead of timeoutMinutes.",
  },
};

const settingsOutputs: Properties = {
  ...flowLogInputs,
  ...settingsBookkeeping,
  ...reportedOutputs,
  targetResourceGuid: { type: "string", description: "Azure's GUID of the target." },
  foreignOwnerId: {
    type: "string",
    description: "Set by refresh when the flow log's owner tag names another resource: ownership moved away.",
  },
};

const handoverInputs: Properties = {
  targetResourceId: { type: "string", description: "ARM ID of the network security group handed over." },
  flowLogResourceId: { type: "string", description: "ARM ID of the NSG's flow log, when the plan names it." },
  coveredBy: {
    type: "array",
    items: { $ref: ref("CoveringFlowLog") },
    description: "The flow logs that must be enabled and Succeeded before the NSG's flow log is disabled.",
  },
  coveredByExisting: {
    type: "array",
    items: { type: "string" },
    description: "ARM IDs of existing flow logs covering the NSG's NICs, read again before the disable.",
  },
  migration: {
    type: "string",
    description:
      "The migration, as its URN ends (`<type>::<name>`): it claims the NSG and is named in messages.",
  },
  timeoutMinutes: { type: "integer", description: "Upper bound for one operation, in minutes. Default: 20." },
};

const handoverOutputs: Properties = {
  ...handoverInputs,
  networkWatcherId: {
    type: "string",
    description: "The watcher holding the NSG's flow log; empty when it had none.",
  },
  nsgFlowLogResourceId: {
    type: "string",
    description: "The NSG's flow log as found; absent when it had none.",
  },
  nsgFlowLogEnabled: {
    type: "boolean",
    description: "Whether the NSG's flow log is on, as Azure last reported it.",
  },
  disabledByMigration: {
    type: "boolean",
    description: "This handover turned the NSG's flow log off: only then does its removal turn it on again.",
  },
  trafficAnalyticsWasEnabled: {
    type: "boolean",
    description: "Traffic analytics was on before the handover turned it off with the flow log.",
  },
};

const migrationInputs: Properties = {
  flowLogs: {
    type: "array",
    items: { $ref: ref("MigrationFlowLog") },
    description: "The VNet, subnet and NIC flow logs to create.",
  },
  nsgFlowLogs: {
    type: "array",
    items: { $ref: ref("MigrationNsgFlowLog") },
    description: "The NSG flow logs to disable once the flow logs they wait for run.",
  },
  timeoutMinutes: {
    type: "integer",
    description:
      "Bound of one handover operation (check, disable, re-enable), 1 to 1440 minutes. Default: 20.",
  },
};

const migrationOutputs: Properties = {
  disabledNsgFlowLogs: {
    type: "array",
    items: { type: "string" },
    description: "The NSGs whose flow logs this migration disabled (and a rollback enables again).",
  },
  flowLogResourceIds: {
    type: "object",
    additionalProperties: { type: "string" },
    description: "ARM IDs of the new flow logs, by their name in `flowLogs`.",
  },
};

function resource(
  description: string,
  inputs: Properties,
  requiredInputs: string[],
  outputs: Properties,
  required: string[],
  isComponent = false,
) {
  return {
    description,
    ...(isComponent ? { isComponent } : {}),
    inputProperties: inputs,
    requiredInputs,
    properties: outputs,
    required,
  };
}

export function packageSchema(version: string) {
  return {
    name: PACKAGE,
    displayName: "Azure Network Watcher flow logs",
    version,
    description:
      "Declarative Azure Network Watcher flow logs, with the ownership and migration rules of pulumi-azure-flowlogs.",
    keywords: ["pulumi", "azure", "network-watcher", "flow-logs", "category/network", "kind/component"],
    license: "Apache-2.0",
    language: { python: { packageName: "pulumi_azure_flowlogs" } },
    config: {},
    provider: {
      description:
        "The azure-flowlogs provider. It reads Azure credentials and the cloud from the environment (ARM_* or AZURE_* variables, as azure-native does), never from inputs.",
    },
    types,
    resources: {
      [TOKENS.flowLog]: resource(
        "Azure Network Watcher flow logs on a virtual network, subnet, network interface or (existing) network security group. Destroying it deletes a VNet, subnet or NIC flow log and disables an NSG one (see onDestroy), and never touches a flow log another resource has taken over.",
        flowLogInputs,
        flowLogRequired,
        flowLogOutputs,
        Object.keys(flowLogOutputs).filter(
          (name) => !(name in flowLogInputs) || flowLogRequired.includes(name),
        ),
        true,
      ),
      [TOKENS.migration]: resource(
        "From NSG flow logs to VNet, subnet and NIC flow logs as one declarative step: creates the new flow logs, then disables each NSG flow log once every flow log it waits for is enabled and Succeeded.",
        migrationInputs,
        ["flowLogs", "nsgFlowLogs"],
        migrationOutputs,
        Object.keys(migrationOutputs),
        true,
      ),
      [TOKENS.settings]: resource(
        "One flow log's settings on one target: the resource a FlowLog is made of. Import it by the flow log's ARM ID.",
        { ...flowLogInputs, ...settingsBookkeeping },
        flowLogRequired,
        settingsOutputs,
        [...flowLogRequired, "enabled", "networkWatcherId", "provisioningState", "ownerId"],
      ),
      [TOKENS.handover]: resource(
        "The handover of one NSG's flow log: the resource an NsgFlowLogMigration disables it with.",
        handoverInputs,
        ["targetResourceId", "coveredBy"],
        handoverOutputs,
        ["targetResourceId", "coveredBy", "nsgFlowLogEnabled", "disabledByMigration"],
      ),
    },
  };
}
