// Example: flow logs on targets that already exist, given by ID in stack config.
import { FlowLog, type FlowLogArgs } from "../components";

/** One entry of the `targets` stack config list. */
export interface ExistingTarget extends FlowLogArgs {
  /** Logical name of the FlowLog resource; keep it stable once deployed. */
  name: string;
}

export function existingTargetsStack(targets: ExistingTarget[]) {
  const flowLogs = targets.map(({ name, ...args }) => new FlowLog(name, args));
  return {
    flowLogs: Object.fromEntries(
      flowLogs.map((log, i) => [
        targets[i].name,
        { id: log.flowLogResourceId, enabled: log.enabled, retention: log.retentionPolicy },
      ]),
    ),
  };
}
