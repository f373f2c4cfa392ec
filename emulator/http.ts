// The emulator's request and response shapes, and how routes are declared.
import type { EmulatorContext } from "./context";

export interface EmuRequest {
  id: string;
  method: string;
  /** Decoded path without the query. */
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  rawBody: string;
  /** The JSON body, or undefined when there is none. */
  body: unknown;
  /** The tenant of the bearer token, once the ARM pipeline has checked it. */
  tenantId?: string;
}

export interface EmuResponse {
  status: number;
  headers?: Record<string, string>;
  /** Serialised as JSON; `null` is written as the literal `null` (as ARM does on some 202s). */
  body?: unknown;
  /** Form-encoded or other raw payloads. */
  raw?: string;
}

/** "arm" routes need a bearer token and count against throttling; "open" ones (AAD, metadata, admin) do not. */
export type Access = "arm" | "open";

export interface Route {
  method: string;
  pattern: RegExp;
  operation: string;
  access: Access;
  handle(req: EmuRequest, ctx: EmulatorContext, match: RegExpMatchArray): EmuResponse | Promise<EmuResponse>;
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): EmuResponse {
  return { status, body, headers };
}
