// What a flow log's outputs record: nothing its resource ID or a default already says. The flow log's
// ARM ID is the resource's ID and its watcher's ID that ID's parent; `adoptExisting` and
// `timeoutMinutes` at their defaults are restored by `withDefaults`. Leaving them out saves about 500
// bytes a flow log, which the engine rewrites after every step. States written before keep all of them,
// and read them back the same.
import { DEFAULT_TIMEOUT_MINUTES, type FlowLogOutputs } from "./inputs";

/** The Network Watcher that holds a flowLogs child, from the child's ID. */
export function watcherIdOf(flowLogId: string): string {
  return flowLogId.replace(/\/flowLogs\/[^/]+$/i, "");
}

/** The recorded outputs with both IDs: from the outputs when they have them, else from the resource's ID. */
export function withRecordedIds<T extends Partial<FlowLogOutputs>>(
  id: string,
  recorded: T,
): T & Required<Pick<FlowLogOutputs, "networkWatcherId" | "flowLogResourceId">> {
  const flowLogResourceId = recorded.flowLogResourceId ?? id;
  return {
    ...recorded,
    flowLogResourceId,
    networkWatcherId: recorded.networkWatcherId ?? watcherIdOf(flowLogResourceId),
  };
}

/** The outputs to record for the resource `id`: the IDs only where `id` does not say them, defaults left out. */
export function asRecordedOutputs(id: string, outputs: FlowLogOutputs): FlowLogOutputs {
  const { flowLogResourceId, networkWatcherId, adoptExisting, timeoutMinutes, ...kept } = outputs;
  const sameFlowLog = flowLogResourceId === undefined || flowLogResourceId === id;
  return {
    ...kept,
    ...(sameFlowLog ? {} : { flowLogResourceId }),
    ...(sameFlowLog && networkWatcherId === watcherIdOf(id) ? {} : { networkWatcherId }),
    ...(adoptExisting ? { adoptExisting } : {}),
    ...(timeoutMinutes === undefined || timeoutMinutes === DEFAULT_TIMEOUT_MINUTES ? {} : { timeoutMinutes }),
  } as FlowLogOutputs;
}
