// Polling of long-running operations: Azure-AsyncOperation status documents and Location results.
import type { EmulatorContext } from "../context";
import { ArmError } from "../errors";
import { json, type Route } from "../http";

const OPERATIONS = String.raw`^\/subscriptions\/([^/]+)\/providers\/Microsoft\.Network\/locations\/([^/]+)`;

function find(ctx: EmulatorContext, id: string) {
  const op = ctx.operations.get(id);
  if (!op) throw new ArmError(404, "OperationNotFound", `Operation ${id} was not found.`);
  return op;
}

export const operationRoutes: Route[] = [
  {
    method: "GET",
    pattern: new RegExp(`${OPERATIONS}/operations/([^/]+)$`, "i"),
    operation: "operations.poll",
    access: "arm",
    handle: (_req, ctx, m) => {
      const op = find(ctx, m[3]);
      const error = op.error && { code: op.error.code, message: op.error.message, details: [] };
      return json(200, { status: op.status, ...(error ? { error } : {}) });
    },
  },
  {
    method: "GET",
    pattern: new RegExp(`${OPERATIONS}/operationResults/([^/]+)$`, "i"),
    operation: "operations.poll",
    access: "arm",
    handle: (req, ctx, m) => {
      const op = find(ctx, m[3]);
      if (op.status === "InProgress") {
        return json(202, null, {
          Location: `${ctx.origin}${req.path}?${req.query}`,
          "Retry-After": String(ctx.options.latency.retryAfterSeconds),
        });
      }
      if (op.error) throw op.error;
      // Real traffic: the final answer still carries Location and Azure-AsyncOperation, and the
      // operation's ID as its request ID; a DELETE's is a 204 that also says azure-asyncnotification.
      const headers = {
        Location: `${ctx.origin}${req.path}?${req.query}`,
        "Azure-AsyncOperation": `${ctx.origin}${req.path.replace(/\/operationResults\//i, "/operations/")}?${req.query}`,
        "x-ms-request-id": op.id,
      };
      if (op.result === undefined)
        return { status: 204, headers: { ...headers, "azure-asyncnotification": "Enabled" } };
      return json(200, op.result, headers);
    },
  },
];
