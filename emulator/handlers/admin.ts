// The admin API under /_emulator/: inspect state and the request log, change resources out of band
// (drift), inject faults, tune throttling, move the clock, and mint federated OIDC tokens.
import type { EmulatorContext } from "../context";
import { ArmError } from "../errors";
import type { FaultRule } from "../faults";
import { snapshotOf } from "../flow-log-rules";
import { type EmuRequest, json, type Route } from "../http";
import { describeId, newEtag } from "../store";
import type { ThrottlingOptions } from "../throttling";
import { FEDERATED_AUDIENCE, OIDC_ISSUER_PATH } from "./aad";
import { render } from "./resources";

function idParam(req: EmuRequest): string {
  const id = req.query.get("id");
  if (!id) throw new ArmError(400, "MissingParameter", "The admin API needs ?id=<resource id>.");
  return id;
}

function existing(ctx: EmulatorContext, id: string) {
  const resource = ctx.store.get(id);
  if (!resource) throw new ArmError(404, "ResourceNotFound", `No resource ${id} in the emulator.`);
  return resource;
}

function flowLogSnapshots(ctx: EmulatorContext) {
  return ctx.store
    .all()
    .filter((r) => r.type === "Microsoft.Network/networkWatchers/flowLogs")
    .map((f) => snapshotOf(ctx.store, f));
}

interface Patch {
  location?: string;
  tags?: Record<string, string>;
  properties?: Record<string, unknown>;
}

function route(method: string, path: string, handle: Route["handle"]): Route {
  return {
    method,
    pattern: new RegExp(`^/_emulator/${path}$`, "i"),
    operation: `admin.${path}`,
    access: "open",
    handle,
  };
}

export const adminRoutes: Route[] = [
  route("GET", "state", (_req, ctx) =>
    json(200, {
      now: ctx.clock.now().toISOString(),
      subscriptions: ctx.seed.subscriptions,
      registrations: Object.fromEntries(ctx.registrations),
      resources: ctx.store.all().map((r) => render(ctx, r)),
    }),
  ),
  route("GET", "flow-logs", (_req, ctx) => json(200, flowLogSnapshots(ctx))),
  route("GET", "requests", (req, ctx) =>
    json(
      200,
      ctx.requests.list({
        operation: req.query.get("operation") ?? undefined,
        method: req.query.get("method") ?? undefined,
      }),
    ),
  ),
  route("DELETE", "requests", (_req, ctx) => {
    ctx.requests.clear();
    return { status: 204 };
  }),
  route("GET", "resources", (req, ctx) => json(200, render(ctx, existing(ctx, idParam(req))))),
  route("PATCH", "resources", (req, ctx) => {
    const resource = existing(ctx, idParam(req));
    const patch = (req.body ?? {}) as Patch;
    const updated = {
      ...resource,
      ...(patch.location ? { location: patch.location } : {}),
      ...(patch.tags ? { tags: patch.tags } : {}),
      properties: { ...resource.properties, ...(patch.properties ?? {}) },
      etag: newEtag(),
    };
    ctx.store.put(updated);
    if (updated.type === "Microsoft.Network/networkWatchers/flowLogs")
      ctx.options.onFlowLogChange(snapshotOf(ctx.store, updated));
    return json(200, render(ctx, updated));
  }),
  // Creates (or replaces) a resource, as another stack or the portal would, e.g. to restore a deleted target.
  route("PUT", "resources", (req, ctx) => {
    const id = idParam(req);
    const body = (req.body ?? {}) as Patch;
    const { type, name } = describeId(id);
    const resource = {
      id,
      type,
      name,
      location: body.location,
      tags: body.tags,
      properties: body.properties ?? {},
    };
    ctx.store.put({ ...resource, etag: newEtag() });
    return json(200, render(ctx, existing(ctx, id)));
  }),
  route("DELETE", "resources", (req, ctx) => {
    const resource = existing(ctx, idParam(req));
    ctx.store.delete(resource.id);
    return { status: 204 };
  }),
  route("GET", "storage-keys", (_req, ctx) => json(200, Object.fromEntries(ctx.storageKeys))),
  route("GET", "faults", (_req, ctx) => json(200, ctx.faults.list())),
  route("POST", "faults", (req, ctx) => {
    const rules = Array.isArray(req.body) ? (req.body as FaultRule[]) : [req.body as FaultRule];
    for (const rule of rules) ctx.faults.add(rule);
    return json(200, ctx.faults.list());
  }),
  route("DELETE", "faults", (_req, ctx) => {
    ctx.faults.clear();
    return { status: 204 };
  }),
  route("GET", "throttling", (_req, ctx) => json(200, ctx.throttling.settings())),
  route("PUT", "throttling", (req, ctx) => {
    ctx.throttling.configure((req.body ?? false) as ThrottlingOptions | false);
    return json(200, ctx.throttling.settings());
  }),
  route("POST", "clock", (req, ctx) => {
    const body = (req.body ?? {}) as { advanceSeconds?: number; now?: string };
    if (body.now) ctx.clock.set(body.now);
    if (body.advanceSeconds) ctx.clock.advance(body.advanceSeconds);
    return json(200, { now: ctx.clock.now().toISOString() });
  }),
  // Writes the hours of every enabled flow log from `from` (default: an hour before `to`) to `to`
  // (default: the emulator's clock), as Azure would have by then.
  route("POST", "data-plane/hours", async (req, ctx) => {
    if (!ctx.dataPlane)
      throw new ArmError(
        409,
        "DataPlaneNotRunning",
        "No data plane runs for this emulator: start it with `npm run emulator -- --data-plane`.",
      );
    const body = (req.body ?? {}) as { from?: string; to?: string };
    const to = new Date(body.to ?? ctx.clock.now());
    const from = new Date(body.from ?? to.getTime() - 3_600_000);
    if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime()) || from >= to)
      throw new ArmError(
        400,
        "InvalidParameter",
        `Expected ISO times with from before to; got ${JSON.stringify(body)}.`,
      );
    const blobs = await ctx.dataPlane.writeHours(from, to);
    return json(200, { from: from.toISOString(), to: to.toISOString(), blobs });
  }),
  route("POST", "oidc-token", async (req, ctx) => {
    const body = (req.body ?? {}) as { subject?: string; audience?: string };
    const subject =
      body.subject ?? ctx.seed.tenants[0].servicePrincipals[0].federated?.[0]?.subject ?? "subject";
    const token = await ctx.tokens.mintOidcToken(
      `${ctx.origin}${OIDC_ISSUER_PATH}`,
      subject,
      body.audience ?? FEDERATED_AUDIENCE,
    );
    return json(200, { token });
  }),
];
