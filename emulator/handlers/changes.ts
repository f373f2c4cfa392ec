// What every flow-log write shares: conflict detection per target, injected operation failures, and
// the long-running operation that commits the change.
import type { EmulatorContext } from "../context";
import { armErrors } from "../errors";
import { lroFailure } from "../faults";
import type { RuleContext } from "../flow-log-rules";
import type { EmuRequest } from "../http";
import type { Operation } from "../operations";
import { describeId, type Resource } from "../store";

export function ruleContext(ctx: EmulatorContext): RuleContext {
  return {
    store: ctx.store,
    clock: ctx.clock,
    nsgCreationBlock: ctx.options.nsgCreationBlock,
    insightsRegistered: (sub) =>
      ctx.registrations.get(`${sub}/microsoft.insights`.toLowerCase()) === "Registered",
  };
}

export interface ChangeRequest {
  watcher: Resource;
  target: Resource;
  operationName: string;
  commit: () => unknown;
  onFailure?: () => void;
}

/** Starts the operation that applies a change, refusing it while another one on the target runs. */
export function startChange(req: EmuRequest, ctx: EmulatorContext, change: ChangeRequest): Operation {
  const targetKey = change.target.id.toLowerCase();
  if (ctx.options.conflicts && ctx.operations.busy(targetKey))
    throw armErrors.anotherOperationInProgress(change.target.id);
  const fault = ctx.faults.take({ operation: change.operationName, method: req.method, path: req.path }, [
    "lroFail",
  ]);
  const failWith = fault && lroFailure(fault);
  if (failWith) change.onFailure?.();
  return ctx.operations.start({
    id: req.id,
    subscriptionId: describeId(change.watcher.id).subscriptionId,
    region: change.watcher.location ?? "",
    durationMs: ctx.options.latency.operationMs,
    targetKey,
    commit: change.commit,
    failWith,
  });
}

export function operationUrl(
  ctx: EmulatorContext,
  req: EmuRequest,
  op: Operation,
  kind: "operations" | "operationResults",
): string {
  const apiVersion = req.query.get("api-version") ?? "";
  return `${ctx.origin}/subscriptions/${op.subscriptionId}/providers/Microsoft.Network/locations/${op.region}/${kind}/${op.id}?api-version=${apiVersion}`;
}
