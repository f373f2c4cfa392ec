// Long-running operations the ARM way: a change is committed when its operation finishes (or not at
// all when it fails), and clients poll operation documents in the meantime.
import type { ArmError } from "./errors";

export type OperationStatus = "InProgress" | "Succeeded" | "Failed";

export interface Operation {
  id: string;
  subscriptionId: string;
  region: string;
  status: OperationStatus;
  /** The body the Location poll returns once the operation succeeded. */
  result?: unknown;
  error?: ArmError;
  /** Lower-cased target ID while the operation holds it. */
  targetKey?: string;
}

export interface OperationRequest {
  /** The ID of the request that started it: Azure answers PUT and DELETE with x-ms-request-id = operation ID. */
  id: string;
  subscriptionId: string;
  region: string;
  durationMs: number;
  targetKey?: string;
  /** Applies the change; its return value is the operation's result. */
  commit: () => unknown;
  failWith?: ArmError;
}

export class Operations {
  private readonly byId = new Map<string, Operation>();
  private readonly timers = new Set<NodeJS.Timeout>();

  start(request: OperationRequest): Operation {
    const operation: Operation = {
      id: request.id,
      subscriptionId: request.subscriptionId,
      region: request.region,
      status: "InProgress",
      targetKey: request.targetKey,
    };
    this.byId.set(operation.id, operation);
    const finish = () => {
      if (request.failWith) {
        operation.status = "Failed";
        operation.error = request.failWith;
      } else {
        operation.result = request.commit();
        operation.status = "Succeeded";
      }
      operation.targetKey = undefined;
    };
    if (request.durationMs <= 0) finish();
    else {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        finish();
      }, request.durationMs);
      this.timers.add(timer);
    }
    return operation;
  }

  get(id: string): Operation | undefined {
    return this.byId.get(id);
  }

  /** True while an operation on this target is still running. */
  busy(targetKey: string): boolean {
    for (const op of this.byId.values())
      if (op.status === "InProgress" && op.targetKey === targetKey) return true;
    return false;
  }

  stop(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}
