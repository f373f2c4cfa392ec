// The HTTPS server and its ordered request pipeline. ARM requests pass every step; Entra ID,
// metadata and admin routes skip authentication, throttling and fault injection.
import { once } from "node:events";
import type { IncomingMessage, ServerResponse } from "node:http";
import type * as https from "node:https";
import { supportedApiVersions } from "./api-versions";
import type { EmulatorContext } from "./context";
import { AadError, ArmError, armErrors } from "./errors";
import { faultError } from "./faults";
import type { EmuRequest, EmuResponse, Route } from "./http";
import { parseLenientJson } from "./lenient-json";

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function parseJson(raw: string, contentType: string | undefined): unknown {
  if (!raw || !contentType?.includes("json")) return undefined;
  return parseLenientJson(raw);
}

/** The request's path, decoded, with repeated slashes collapsed (a client's base URL ending in `/` sends `//metadata/...`). */
function normalisedPath(rawUrl: string): { path: string; query: URLSearchParams } {
  const [rawPath, rawQuery = ""] = rawUrl.split(/\?(.*)/s, 2);
  const path =
    decodeURIComponent(rawPath)
      .replace(/\/{2,}/g, "/")
      .replace(/\/+$/, "") || "/";
  return { path, query: new URLSearchParams(rawQuery) };
}

function findRoute(
  routes: Route[],
  method: string,
  path: string,
): { route: Route; match: RegExpMatchArray } | undefined {
  for (const route of routes) {
    const match = route.method === method ? path.match(route.pattern) : null;
    if (match) return { route, match };
  }
  return undefined;
}

async function authenticate(
  ctx: EmulatorContext,
  req: EmuRequest,
  subscriptionId: string | undefined,
): Promise<void> {
  const header = String(req.headers.authorization ?? "");
  if (!header.startsWith("Bearer "))
    throw armErrors.authenticationFailed("The 'Authorization' header is missing.");
  let claims: Awaited<ReturnType<typeof ctx.tokens.verifyAccessToken>>;
  try {
    claims = await ctx.tokens.verifyAccessToken(header.slice("Bearer ".length));
  } catch (e) {
    if ((e as { code?: string }).code === "ERR_JWT_EXPIRED") throw armErrors.expiredToken();
    throw armErrors.authenticationFailed("The access token is invalid.");
  }
  if (String(claims.aud).replace(/\/+$/, "") !== ctx.origin) throw armErrors.wrongAudience();
  req.tenantId = claims.tid;
  const subscription = subscriptionId && ctx.subscription(subscriptionId);
  if (subscription && subscription.tenantId !== claims.tid) throw armErrors.wrongTenant(subscription.id);
}

function checkApiVersion(req: EmuRequest): void {
  const version = req.query.get("api-version");
  if (!version) throw armErrors.missingApiVersion();
  const supported = supportedApiVersions(req.path);
  if (!supported.includes(version)) throw armErrors.invalidApiVersion(version, req.path, supported);
}

function checkMediaType(req: EmuRequest): void {
  const contentType = String(req.headers["content-type"] ?? "");
  if (req.rawBody.trim() && !contentType.includes("json")) throw armErrors.unsupportedMediaType(contentType);
}

/** Answers an ARM route: every step of the pipeline in order, one line each. */
async function armPipeline(
  ctx: EmulatorContext,
  req: EmuRequest,
  route: Route,
  match: RegExpMatchArray,
  res: ServerResponse,
): Promise<EmuResponse | "dropped"> {
  const subscriptionId = /^\/subscriptions\/([^/]+)/i.exec(req.path)?.[1];
  const headers: Record<string, string> = {};
  if (ctx.options.latency.responseMs > 0)
    await new Promise((r) => setTimeout(r, ctx.options.latency.responseMs)); // latency
  const facts = { operation: route.operation, method: req.method, path: req.path };
  if (ctx.faults.take(facts, ["drop"])) {
    res.socket?.destroy(); // dropped connection
    return "dropped";
  }
  const injected = ctx.faults.take(facts, ["status"]); // injected 5xx / 429
  if (injected) throw faultError(injected);
  await authenticate(ctx, req, subscriptionId); // bearer token
  if (subscriptionId && !ctx.subscription(subscriptionId))
    throw armErrors.subscriptionNotFound(subscriptionId); // subscription
  checkApiVersion(req); // api-version
  checkMediaType(req); // a body must say it is JSON
  if (subscriptionId) {
    const kind = req.method === "GET" ? "reads" : req.method === "DELETE" ? "deletes" : "writes"; // throttling
    const taken = ctx.throttling.take(subscriptionId, kind);
    if (!taken.ok) throw armErrors.throttled(taken.retryAfterSeconds);
    headers[`x-ms-ratelimit-remaining-subscription-${kind}`] = String(taken.remaining);
    // Since 2025 ARM also reports its global limit; the emulator keeps one budget, so one count.
    headers[`x-ms-ratelimit-remaining-subscription-global-${kind}`] = String(taken.remaining);
  }
  const response = await route.handle(req, ctx, match); // the resource's handler
  return { ...response, headers: { ...headers, ...response.headers } };
}

function errorResponse(e: unknown, ctx: EmulatorContext): EmuResponse {
  if (e instanceof ArmError) {
    const headers = {
      ...e.headers,
      ...(e.status === 401
        ? {
            "WWW-Authenticate": `Bearer authorization_uri="${ctx.origin}/common", error="invalid_token", error_description="${e.message}"`,
          }
        : {}),
    };
    return {
      status: e.status,
      body: e.body(),
      headers: { ...headers, ...(e.gateway ? { "x-ms-failure-cause": "gateway" } : {}) },
    };
  }
  if (e instanceof AadError) return { status: e.status, body: e.body() };
  return { status: 500, body: armErrors.internal().body() };
}

function send(res: ServerResponse, requestId: string, response: EmuResponse): void {
  const hasBody = response.body !== undefined || response.raw !== undefined;
  const payload = response.raw ?? (response.body === undefined ? "" : JSON.stringify(response.body));
  res.writeHead(response.status, {
    "x-ms-request-id": requestId,
    "x-ms-correlation-request-id": requestId,
    ...(hasBody ? { "Content-Type": "application/json; charset=utf-8" } : {}),
    ...response.headers,
  });
  res.end(payload);
}

export function createHandler(ctx: EmulatorContext, routes: Route[]) {
  return async (incoming: IncomingMessage, res: ServerResponse) => {
    const { path, query } = normalisedPath(incoming.url ?? "/");
    const rawBody = await readBody(incoming);
    const req: EmuRequest = {
      id: crypto.randomUUID(),
      method: (incoming.method ?? "GET").toUpperCase(),
      path,
      query,
      headers: incoming.headers,
      rawBody,
      body: undefined,
    };
    const found = findRoute(routes, req.method, req.path);
    let response: EmuResponse | "dropped";
    try {
      req.body = parseJson(rawBody, incoming.headers["content-type"]);
      if (!found) throw armErrors.notRoutable(req.method, req.path);
      response =
        found.route.access === "open"
          ? await found.route.handle(req, ctx, found.match)
          : await armPipeline(ctx, req, found.route, found.match, res);
    } catch (e) {
      response = errorResponse(e, ctx);
    }
    const status = response === "dropped" ? 0 : response.status;
    const operation = found?.route.operation ?? "unknown";
    // The log records the traffic clients send, not the admin API's own calls about it.
    if (!operation.startsWith("admin."))
      ctx.requests.add({
        id: req.id,
        time: new Date().toISOString(),
        method: req.method,
        path: req.path,
        operation,
        status,
        subscriptionId: /^\/subscriptions\/([^/]+)/i.exec(req.path)?.[1],
      });
    ctx.options.log(
      `${req.id} ${req.method} ${req.path} ${operation} -> ${response === "dropped" ? "dropped" : status}`,
    );
    if (response !== "dropped") send(res, req.id, response);
  };
}

export async function listen(server: https.Server, host: string, port: number): Promise<number> {
  server.listen(port, host);
  await once(server, "listening");
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("the emulator did not bind a TCP port");
  return address.port;
}
