// DuckDB is an optional peer dependency: the package's entry points never load it, and when it cannot be
// found `export --format parquet` and `query` say in one line how to install it. "Cannot be found" is
// made real in a child process whose module resolution refuses @duckdb/* (as a user's install without
// it has it; tests/consumer/cli-project.test.ts shows the real install); the commands run unchanged.
import * as assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { repoRoot } from "../support/engine";
import { flowlogs } from "./parquet-fixture";
import { sample } from "./samples-dir";

const run = promisify(execFile);

const HIDE_DUCKDB = `const Module = require("node:module");
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  if (request.startsWith("@duckdb/")) {
    const e = new Error("Cannot find module '" + request + "'");
    e.code = "MODULE_NOT_FOUND";
    throw e;
  }
  return resolve.call(this, request, ...rest);
};
`;

const MISSING = (command: string) =>
  `flowlogs: ${command} needs DuckDB, which is not installed (an optional peer dependency); install it with: npm install @duckdb/node-api\n`;

describe("DuckDB, an optional peer dependency", () => {
  let work: string;
  let hide: string;
  const blob = sample("vnet_chshin9-CSP451-Milestone3_PT1H.json");

  before(() => {
    work = mkdtempSync(path.join(tmpdir(), "flowlogs-no-duckdb-"));
    hide = path.join(work, "hide-duckdb.js");
    writeFileSync(hide, HIDE_DUCKDB);
  });

  after(() => rmSync(work, { recursive: true, force: true }));

  const withoutDuckDB = (args: string[]) => run(process.execPath, ["-r", hide, flowlogs, ...args]);

  it("is not loaded by requiring the package or its logs entry point", async () => {
    const script = `require(${JSON.stringify(path.join(repoRoot, "dist", "index.js"))});
require(${JSON.stringify(path.join(repoRoot, "dist", "logs", "index.js"))});
console.log(JSON.stringify(Object.keys(require.cache).filter((f) => f.includes("/@duckdb/") || f.endsWith("/duckdb.js"))));`;
    const { stdout } = await run(process.execPath, ["-e", script]);
    assert.deepEqual(JSON.parse(stdout), []);
  });

  it("missing: query says in one line how to install it and exits 2, with no stack trace", async () => {
    await assert.rejects(
      withoutDuckDB(["query", "--ready", "top-talkers", blob]),
      (e: { code: number; stdout: string; stderr: string }) => {
        assert.equal(e.code, 2);
        assert.equal(e.stderr, MISSING("query"));
        assert.equal(e.stdout, "");
        return true;
      },
    );
  });

  it("missing: export --format parquet says the same and writes no folder", async () => {
    const out = path.join(work, "parquet");
    await assert.rejects(
      withoutDuckDB(["export", "--format", "parquet", "--out", out, blob]),
      (e: { code: number; stderr: string }) => {
        assert.equal(e.code, 2);
        assert.equal(e.stderr, MISSING("export --format parquet"));
        return true;
      },
    );
    assert.equal(existsSync(out), false);
  });

  it("missing: the other commands and formats work as ever", async () => {
    const { stdout } = await withoutDuckDB(["summarize", "--format", "json", blob]);
    assert.equal(JSON.parse(stdout).tuples, 76);
    const { stdout: csv } = await withoutDuckDB(["export", "--format", "csv", blob]);
    assert.equal(csv.trimEnd().split("\n").length, 77);
  });
});
