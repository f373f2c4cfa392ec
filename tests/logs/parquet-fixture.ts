// What the Parquet and query tests share: the samples they export, the CLI, and DuckDB reading the files back.
import { execFile } from "node:child_process";
import * as path from "node:path";
import { promisify } from "node:util";
import type { DuckDBConnection } from "@duckdb/node-api";
import { repoRoot } from "../support/engine";
import { sample } from "./samples-dir";

const run = promisify(execFile);
export const flowlogs = path.join(repoRoot, "dist", "cli", "flowlogs.js");

/** Samples of every version and shape: NSG v1 and v2, a mixed blob, VNet v4, a bare block, a trailing comma. */
export const PARQUET_SAMPLES = [
  "nsgv2_danifitz-azure-nsg-flow-logs-newrelic_PT1H.json",
  "nsg-mixed-v2-then-v1_AbhishekGangurdeAdmin-DevReops_PT1H.json",
  "vnet_chshin9-CSP451-Milestone3_PT1H.json",
  "vnet_SumoLogic-sumologic-azure-function_blob_fixtures_vnetflowlogs.json",
  "nsgv1_msft-NSGFlowLogsConnector_sampleOfInputV1.json",
  "nsgv1_msft-NSGFlowLogsConnector_sampleStage3Input.partial-block.txt",
  "nsgv2_msft-NSGFlowLogsConnector_AzureNSGFlowLogsv1.json",
  "elastic/vnet_elastic_test-vnet.log",
].map(sample);

export const exportParquet = (out: string, ...files: string[]) =>
  run(flowlogs, ["export", "--format", "parquet", "--out", out, ...files]);

/** An exported folder read as a whole by DuckDB, as docs/exports.md tells readers to. */
export const readParquet = (folder: string, filename = false) =>
  `read_parquet('${folder}/**/*.parquet', hive_partitioning = true, hive_types = {'target': VARCHAR, 'date': DATE, 'hour': INTEGER}, filename = ${filename})`;

const plain = (v: unknown) => (typeof v === "bigint" ? Number(v) : v);

/** The rows of a query as objects, DuckDB's big integers as numbers. */
export async function rows(db: DuckDBConnection, sql: string): Promise<Record<string, unknown>[]> {
  const reader = await db.runAndReadAll(sql);
  return reader
    .getRowObjectsJS()
    .map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, plain(v)])));
}
