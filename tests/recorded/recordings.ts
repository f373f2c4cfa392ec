// Real flow-log exchanges recorded by Microsoft's own test suites (fixtures/, sources in fixtures/SOURCES.md),
// and the flattening every Azure SDK applies to a flowLogs answer before our read path sees it.
import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import type { WireFlowLog } from "../../components/azure/normalize";

export interface RecordedExchange {
  request: { method: string; path: string; body?: Record<string, unknown> };
  response: { status: number; headers: Record<string, string>; body?: Record<string, unknown> };
}

export interface Recording {
  file: string;
  source: { repository: string; path: string; commit: string; recorded: string; apiVersion: string };
  exchanges: RecordedExchange[];
}

const FIXTURES = path.join(__dirname, "fixtures");

export function recording(file: string): Recording {
  return { file, ...JSON.parse(readFileSync(path.join(FIXTURES, file), "utf8")) };
}

export function allRecordings(): Recording[] {
  return readdirSync(FIXTURES)
    .filter((f) => f.endsWith(".json"))
    .map(recording);
}

/** A flowLogs resource as the SDKs hand it on: `properties` merged into the envelope. */
export function flattened(body: Record<string, unknown>): WireFlowLog & { name?: string } {
  const { properties, ...envelope } = body as { properties?: object };
  return { ...envelope, ...properties };
}

/** Every flowLogs resource a recording's answers carry (GET, PUT, and each item of a list), in order. */
export function flowLogAnswers(rec: Recording): { label: string; wire: WireFlowLog & { name?: string } }[] {
  return rec.exchanges.flatMap(({ request, response }, i) => {
    const body = response.body;
    if (!body || !/\/flowLogs(\/[^/?]+)?\?/i.test(request.path)) return [];
    const items = Array.isArray(body.value) ? (body.value as Record<string, unknown>[]) : [body];
    return items.map((item) => ({
      label: `#${i + 1} ${request.method} ${response.status} ${String(item.name)}`,
      wire: flattened(item),
    }));
  });
}
