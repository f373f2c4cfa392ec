// `pulumi import` by the flow log's ARM ID alone: what state would have recorded for it, found in
// Azure, so the lifecycle's own `read` fills in the rest. Only the provider plugin's custom resource
// can be imported (a dynamic resource's read always has its recorded state).
import { describeAzureError } from "../azure";
import { parseResourceId } from "../azure/resource-id";
import { DEFAULT_TIMEOUT_MINUTES, defaultOnDestroy, type FlowLogOutputs, withDefaults } from "./inputs";
import { FlowLogRefusal } from "./refusal";
import { armSession } from "./session";

const FLOW_LOG_TYPE = "microsoft.network/networkwatchers/flowlogs";

/** The state an imported flow log starts from: its target, watcher and settings as Azure has them. */
export async function recordedForImport(flowLogId: string): Promise<FlowLogOutputs> {
  if (parseResourceId(flowLogId)?.type !== FLOW_LOG_TYPE)
    throw new FlowLogRefusal(
      `cannot import ${JSON.stringify(flowLogId)}: expected the ARM ID of a flow log, /subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.Network/networkWatchers/<watcher>/flowLogs/<name>.`,
    );
  const service = await armSession(DEFAULT_TIMEOUT_MINUTES * 60_000);
  const found = await service.getResource(flowLogId).catch((e: unknown) => {
    throw new Error(`Reading ${flowLogId} to import it: ${describeAzureError(e)}`);
  });
  if (!found) throw new FlowLogRefusal(`cannot import ${flowLogId}: Azure has no flow log with that ID.`);
  const targetResourceId = String(found.properties.targetResourceId);
  const recorded = withDefaults({ targetResourceId, storageAccountId: found.properties.storageId });
  return {
    ...recorded,
    onDestroy: defaultOnDestroy(targetResourceId),
    networkWatcherId: flowLogId.slice(0, flowLogId.toLowerCase().lastIndexOf("/flowlogs/")),
    flowLogResourceId: flowLogId,
    provisioningState: String(found.properties.provisioningState ?? "Succeeded"),
  };
}
