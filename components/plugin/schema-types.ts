// The schema's shared shapes: the FlowLog's arguments and outputs and the object and enum types they
// use, written once here for the components and the custom resources of schema.ts. Kept in step with
// the TypeScript types by tests/plugin/schema.test.ts.
import { FlowRecordType, FormatType, OnDestroy } from "../enums";

export const PACKAGE = "azure-flowlogs";

/** `azure-flowlogs:index:<name>`: every type and resource lives in the index module. */
export const token = (name: string) => `${PACKAGE}:index:${name}`;

export interface PropertySpec {
  description: string;
  type?: "string" | "boolean" | "integer" | "number" | "array" | "object";
  items?: Omit<PropertySpec, "description">;
  additionalProperties?: Omit<PropertySpec, "description">;
  $ref?: string;
  replaceOnChanges?: boolean;
}

export type Properties = Record<string, PropertySpec>;

const ref = (name: string) => `#/types/${token(name)}`;
const string = (description: string): PropertySpec => ({ type: "string", description });
const boolean = (description: string): PropertySpec => ({ type: "boolean", description });
const integer = (description: string): PropertySpec => ({ type: "integer", description });
const object = (name: string, description: string): PropertySpec => ({ $ref: ref(name), description });

function enumType(description: string, values: Record<string, string>) {
  return {
    type: "string",
    description,
    enum: Object.entries(values).map(([name, value]) => ({ name, value })),
  };
}

function objectType(description: string, properties: Properties, required: string[] = []) {
  return { type: "object", description, properties, ...(required.length ? { required } : {}) };
}

/** The FlowLog's arguments (components/args.ts), as the schema states them. */
export const flowLogInputs: Properties = {
  targetResourceId: string(
    "ARM ID of what to log: a virtual network, subnet or network interface, or a network security group that already has a flow log (Azure creates no new NSG flow logs). Changing it replaces the flow log.",
  ),
  storageAccountId: string(
    "ARM ID of the storage account the logs are written to; it must be in the target's region.",
  ),
  enabled: boolean("Whether logging is on. Default: true."),
  retentionPolicy: object(
    "RetentionPolicy",
    "How long Azure keeps the log blobs. Default: no retention policy (blobs are kept forever).",
  ),
  format: object("Format", 'The log format. Default: `{ type: "JSON", version: 2 }`.'),
  trafficAnalytics: object("TrafficAnalytics", "Traffic analytics settings. Default: none (off)."),
  networkWatcher: object(
    "NetworkWatcher",
    "The Network Watcher holding the flow log. Default: the subscription's watcher in the target's region. Changing it replaces the flow log.",
  ),
  adoptExisting: boolean(
    "Take over a target whose flow log is already enabled and was not created by this stack; without it such a target is refused and left untouched. Only consulted on create. Default: false.",
  ),
  timeoutMinutes: integer(
    "Upper bound for one Azure operation, retries and polling included, 1 to 1440. Default: 20.",
  ),
  enabledFilteringCriteria: string(
    "Which flows to log: conditions `<field>=<value>[,<value>...]` over SrcIP, SrcPort, DstIP, DstPort, Protocol, Encryption, Direction and Action, joined by `||` and `&&`. Default: every flow.",
  ),
  recordTypes: {
    type: "array",
    items: { $ref: ref("FlowRecordType") },
    description:
      'Which flow states to log: distinct values of "B" (begin), "C" (continuing), "E" (end), "D" (denied). Default: all four.',
  },
  identity: string(
    'ARM ID of a user-assigned managed identity the flow log writes to storage with, or "none". Default: none.',
  ),
  tags: {
    type: "object",
    additionalProperties: { type: "string" },
    description:
      "Tags on the flow log besides the owner tag this package sets. Leaving them out later removes the tags it had set. Default: the flow log's tags are left as they are.",
  },
  flowLogName: string(
    "Name of the watcher's flowLogs resource, 1 to 80 characters. Not for NSG targets. Changing it replaces the flow log. Default: the existing flow log's name, else Azure's naming.",
  ),
  onDestroy: object(
    "OnDestroy",
    'What destroy (and a replacement) does to the flow log: "delete" it or "disable" it. Default: "delete" for VNet, subnet and NIC targets, "disable" for NSG targets.',
  ),
};

export const flowLogRequired = ["targetResourceId", "storageAccountId"];

/** What Azure reports back, beside the inputs as applied. */
export const reportedOutputs: Properties = {
  networkWatcherId: string("ARM ID of the Network Watcher that holds the flow log."),
  flowLogResourceId: string("ARM ID of the flow log (the watcher's flowLogs child)."),
  provisioningState: string('Azure\'s provisioning state of the flow log, e.g. "Succeeded".'),
};

export const types = {
  [token("RetentionPolicy")]: objectType("How long Azure keeps the log blobs.", {
    enabled: boolean(
      "Whether the retention policy applies. Default: true when `days` is above 0, else false.",
    ),
    days: integer("Days to keep each blob, 0 to 365. 0 keeps them forever. Default: 0."),
  }),
  [token("Format")]: objectType("The log format. Azure writes JSON only.", {
    type: object("FormatType", 'Always "JSON". Default: "JSON".'),
    version: integer("1 or 2; version 2 adds flow state and byte/packet counts. Default: 2."),
  }),
  [token("TrafficAnalytics")]: objectType(
    "Traffic analytics: Azure processes the logs into a Log Analytics workspace.",
    {
      enabled: boolean("Whether traffic analytics is on. Default: true."),
      workspaceResourceId: string("ARM ID of the Log Analytics workspace."),
      workspaceId: string("The workspace's GUID (customerId). Default: looked up from the workspace."),
      workspaceRegion: string("The workspace's region. Default: looked up from the workspace."),
      intervalInMinutes: integer("Processing interval in minutes, 10 or 60. Default: 60."),
    },
    ["workspaceResourceId"],
  ),
  [token("NetworkWatcher")]: objectType(
    "A Network Watcher, named within the target's subscription.",
    {
      resourceGroupName: string('Its resource group, usually "NetworkWatcherRG".'),
      name: string('Its name, usually "NetworkWatcher_<region>".'),
    },
    ["resourceGroupName", "name"],
  ),
  [token("OnDestroy")]: enumType("What destroy does to the flow log.", OnDestroy),
  [token("FormatType")]: enumType("The log format's type.", FormatType),
  [token("FlowRecordType")]: enumType("A flow state: begin, continuing, end, denied.", FlowRecordType),
  [token("FlowLogSpec")]: objectType(
    "A FlowLog's arguments, as an NsgFlowLogMigration entry holds them.",
    flowLogInputs,
    flowLogRequired,
  ),
  [token("MigrationFlowLog")]: objectType(
    "A flow log to create: the plan's `create` entries.",
    {
      name: string("Unique in `flowLogs`; the FlowLog child is named `<migration name>-<name>`."),
      args: object("FlowLogSpec", "The FlowLog's arguments."),
      covers: {
        type: "array",
        items: { type: "string" },
        description: "The plan's note of the NICs it logs; read by people, not by the migration.",
      },
      reason: string("The plan's note of why; read by people, not by the migration."),
    },
    ["name", "args"],
  ),
  [token("MigrationNsgFlowLog")]: objectType(
    "An NSG flow log to disable: the plan's `disable` entries.",
    {
      targetResourceId: string("ARM ID of the network security group."),
      flowLogResourceId: string("ARM ID of its flow log. Default: found through the NSG's region's watcher."),
      after: {
        type: "array",
        items: { type: "string" },
        description:
          "Names in `flowLogs` that must be enabled and Succeeded before this flow log is disabled; empty disables it straight away.",
      },
      coveredByExisting: {
        type: "array",
        items: { type: "string" },
        description:
          "ARM IDs of existing flow logs the plan counts on to cover this NSG's NICs: read again before the disable, which is refused (the NSG flow log left on) while any is not enabled and Succeeded.",
      },
      reason: string("The plan's note of why; read by people, not by the migration."),
    },
    ["targetResourceId", "after"],
  ),
  [token("CoveringFlowLog")]: objectType(
    "One of the new flow logs an NSG's flow log waits for, as its FlowLog reports it.",
    {
      name: string("The name it has in the migration's `flowLogs`."),
      targetResourceId: string("ARM ID of its target."),
      flowLogResourceId: string("ARM ID of the flow log."),
      networkWatcherId: string("ARM ID of the watcher holding it."),
    },
    ["name", "targetResourceId", "flowLogResourceId", "networkWatcherId"],
  ),
  [token("OperationTimeouts")]: objectType("Custom timeouts in seconds, by operation.", {
    create: integer("Bound of a create, in seconds."),
    update: integer("Bound of an update, in seconds."),
    delete: integer("Bound of a delete, in seconds."),
  }),
};
