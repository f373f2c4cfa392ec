// A flow log Azure refuses to delete because its target subnet is gone (Azure/azure-cli#31506): it logs
// nothing and stays listed in the Network Watcher. Failing every destroy on it would leave the stack
// stuck, so the delete drops it from state and says so once.
import { isAzureRequestError } from "../azure";

/** Azure's codes for "this flow log's target no longer exists" on a DELETE, as reported by users. */
const GONE_TARGET_REFUSALS = new Set(["SubnetNotFoundForFlowLog"]);

/** Azure's code when it refused to delete a flow log because its target is gone; undefined otherwise. */
export function goneTargetRefusal(e: unknown): string | undefined {
  return isAzureRequestError(e) && GONE_TARGET_REFUSALS.has(e.code) ? e.code : undefined;
}

/** The one line a person reads when such a flow log leaves the stack but not Azure. */
export function keptByAzureWarning(flowLogId: string, code: string): string {
  return (
    `warning: flow log ${flowLogId} was removed from the stack but not from Azure, which refuses to delete it ` +
    `because its target no longer exists (${code}). It logs nothing and stays listed in its Network Watcher; ` +
    "ask Azure support to remove it (see https://github.com/Azure/azure-cli/issues/31506)."
  );
}
