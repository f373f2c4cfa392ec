// DuckDB, loaded only by `export --format parquet` and `query`: it is an optional peer dependency, which
// npm does not install by itself, so a program that only declares flow logs never installs a columnar
// engine. When it is missing, one line says how to add it. Each command works in a scratch database on disk, so tables larger than memory spill there.
import { mkdtempSync, rmSync } from "node:fs";
import * as path from "node:path";
import type { DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";

export const DUCKDB_PACKAGE = "@duckdb/node-api";

/** What DuckDB may hold in memory before it spills to its scratch folder. */
const MEMORY_LIMIT = "512MB";

export type DuckDBModule = typeof import("@duckdb/node-api");

const NOT_FOUND = new Set(["MODULE_NOT_FOUND", "ERR_MODULE_NOT_FOUND"]);

/** The DuckDB package; when it is not installed, an error that names the install command. */
export async function loadDuckDB(command: string): Promise<DuckDBModule> {
  try {
    return await import("@duckdb/node-api");
  } catch (e) {
    if (!NOT_FOUND.has((e as NodeJS.ErrnoException).code ?? "")) throw e;
    throw new Error(
      `${command} needs DuckDB, which is not installed (an optional peer dependency); install it with: npm install ${DUCKDB_PACKAGE}`,
    );
  }
}

/** A DuckDB database in a scratch folder under `parent`, removed on close. */
export class Scratch {
  private constructor(
    readonly duckdb: DuckDBModule,
    readonly connection: DuckDBConnection,
    private readonly instance: DuckDBInstance,
    private readonly folder: string,
  ) {}

  static async open(duckdb: DuckDBModule, parent: string): Promise<Scratch> {
    const folder = mkdtempSync(path.join(parent, ".flowlogs-scratch-"));
    try {
      const instance = await duckdb.DuckDBInstance.create(path.join(folder, "flows.duckdb"), {
        memory_limit: MEMORY_LIMIT,
        temp_directory: path.join(folder, "spill"),
      });
      return new Scratch(duckdb, await instance.connect(), instance, folder);
    } catch (e) {
      rmSync(folder, { recursive: true, force: true });
      throw e;
    }
  }

  close(): void {
    this.connection.closeSync();
    this.instance.closeSync();
    rmSync(this.folder, { recursive: true, force: true });
  }
}

/** A string as an SQL literal. */
export const sqlString = (text: string) => `'${text.replace(/'/g, "''")}'`;
