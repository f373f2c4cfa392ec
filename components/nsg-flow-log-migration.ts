// NsgFlowLogMigration: from NSG flow logs to VNet, subnet and NIC flow logs as one declarative step,
// fed with the plan `flowlogs migrate plan --format json` prints.
import * as pulumi from "@pulumi/pulumi";
import { FlowLog } from "./flow-log";
import { checkMigrationArgs, type NsgFlowLogMigrationArgs } from "./nsg-flow-log-migration-args";
import { NsgFlowLogHandover, type NsgFlowLogHandoverArgs } from "./provider/handover-resource";

export {
  InvalidMigrationArgsError,
  type MigrationFlowLog,
  type MigrationNsgFlowLog,
  type NsgFlowLogMigrationArgs,
} from "./nsg-flow-log-migration-args";

/**
 * Creates the new flow logs, then disables each NSG flow log once every flow log it waits for
 * (`after` and `coveredByExisting`) is enabled and Succeeded in Azure, so no NIC goes unlogged, also when a step fails: the
 * next `up` goes on from where it stopped. Removing the component (rollback) enables again the NSG
 * flow logs it disabled, and only those, before the new flow logs go.
 */
export class NsgFlowLogMigration extends pulumi.ComponentResource {
  /** The component's type token. */
  static readonly typeToken: string = "azure-flowlogs:network:NsgFlowLogMigration";

  /** The FlowLog class its new flow logs are: the provider plugin's migration makes the plugin's. */
  protected static readonly FlowLog: typeof FlowLog = FlowLog;

  /** Makes one NSG's handover: the dynamic resource here, the plugin's custom resource behind `construct`. */
  protected static handover(
    name: string,
    args: NsgFlowLogHandoverArgs,
    opts: pulumi.CustomResourceOptions,
  ): NsgFlowLogHandover {
    return new NsgFlowLogHandover(name, args, opts);
  }

  /** The new flow logs, by their name in `flowLogs`. */
  readonly flowLogs: Record<string, FlowLog> = {};
  /** The NSGs whose flow logs this migration disabled (and a rollback enables again). */
  readonly disabledNsgFlowLogs: pulumi.Output<string[]>;

  constructor(name: string, args: NsgFlowLogMigrationArgs, opts: pulumi.ComponentResourceOptions = {}) {
    const handoverNames = checkMigrationArgs(name, args);
    const kind = new.target;
    super(kind.typeToken, name, {}, opts);
    for (const { name: logName, args: logArgs } of args.flowLogs) {
      this.flowLogs[logName] = new kind.FlowLog(`${name}-${logName}`, logArgs, { parent: this });
    }
    const handovers = args.nsgFlowLogs.map((entry, i) => {
      const covering = entry.after.map((logName) => this.flowLogs[logName]);
      return kind.handover(
        handoverNames[i],
        {
          targetResourceId: entry.targetResourceId,
          ...(entry.flowLogResourceId ? { flowLogResourceId: entry.flowLogResourceId } : {}),
          coveredBy: entry.after.map((logName, j) => ({
            name: logName,
            targetResourceId: covering[j].targetResourceId,
            flowLogResourceId: covering[j].flowLogResourceId,
            networkWatcherId: covering[j].networkWatcherId,
          })),
          // Plain, not this.urn: an input depending on the component would wait for all its children,
          // the other handovers included, and two handovers would wait for each other.
          coveredByExisting: entry.coveredByExisting ?? [],
          migration: `${kind.typeToken}::${name}`,
          ...(args.timeoutMinutes !== undefined ? { timeoutMinutes: args.timeoutMinutes } : {}),
        },
        // The covering FlowLogs' outputs in coveredBy order it after them; with an empty `after` nothing new does.
        { parent: this },
      );
    });
    this.disabledNsgFlowLogs = pulumi
      .all(handovers.map((h) => pulumi.all([h.targetResourceId, h.disabledByMigration])))
      .apply((all) => all.filter(([, disabled]) => disabled).map(([nsg]) => nsg));
    this.registerOutputs({ flowLogs: this.flowLogs, disabledNsgFlowLogs: this.disabledNsgFlowLogs });
  }
}
