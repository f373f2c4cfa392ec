// The tarball `npm pack` makes, as the registry would get it: compiled code and declarations only, entry
// points that exist, and runtime dependencies that are exactly what the shipped code loads.
import * as assert from "node:assert/strict";
import { execFile, execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { builtinModules } from "node:module";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import * as ts from "typescript";
import { npmCommand, packedTarball, tarballFiles } from "../support/package";

interface Manifest {
  private?: boolean;
  main: string;
  types: string;
  bin: Record<string, string>;
  exports: Record<string, string | { types: string; default: string }>;
  dependencies: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

const manifest = (): Manifest =>
  JSON.parse(execFileSync("tar", ["-xzOf", packedTarball(), "package/package.json"], { encoding: "utf8" }));

describe("the packed package", () => {
  it("holds dist/, the provider plugin's launcher, README and LICENSE, and no tests, bench, scripts, emulator or TypeScript sources", () => {
    const files = tarballFiles(packedTarball());
    const shipped = ["package.json", "README.md", "LICENSE", "bin/pulumi-resource-azure-flowlogs"];
    const outside = files.filter((f) => !f.startsWith("dist/") && !shipped.includes(f));
    assert.deepEqual(outside, []);
    const sources = files.filter((f) => /\.tsx?$/.test(f) && !f.endsWith(".d.ts"));
    assert.deepEqual(sources, []);
    console.log(`      ${files.length} files`);
  });

  it("points main, types, exports and bin at files it holds", () => {
    const files = new Set(tarballFiles(packedTarball()));
    const m = manifest();
    assert.equal(m.private, undefined);
    const targets = [m.main, m.types, ...Object.values(m.bin)];
    for (const entry of Object.values(m.exports)) {
      targets.push(...(typeof entry === "string" ? [entry] : [entry.types, entry.default]));
    }
    for (const target of targets) {
      if (target === "./package.json") continue;
      assert.ok(files.has(target.replace(/^\.\//, "")), `${target} is not in the tarball`);
    }
    assert.ok(m.exports["./logs"], "the logs functions are not exported");
  });

  it("depends at run time on exactly what the shipped code loads, sharing @pulumi/pulumi by a caret range", () => {
    const m = manifest();
    // What the JavaScript requires, and what the declarations import (a user's compiler resolves those),
    // file by file through TypeScript's own scanner, so a module name inside a string does not count.
    const unpacked = mkdtempSync(path.join(os.tmpdir(), "flowlogs-shipped-"));
    const loaded = new Set<string>();
    try {
      execFileSync("tar", ["-xzf", packedTarball(), "-C", unpacked]);
      const dist = path.join(unpacked, "package", "dist");
      const shipped = readdirSync(dist, { recursive: true, encoding: "utf8" }).filter(
        (f) => f.endsWith(".js") || f.endsWith(".d.ts"),
      );
      for (const file of shipped) {
        const text = readFileSync(path.join(dist, file), "utf8");
        for (const { fileName: specifier } of ts.preProcessFile(text, true, true).importedFiles) {
          if (
            specifier.startsWith(".") ||
            specifier.startsWith("node:") ||
            builtinModules.includes(specifier)
          )
            continue;
          loaded.add(
            specifier
              .split("/")
              .slice(0, specifier.startsWith("@") ? 2 : 1)
              .join("/"),
          );
        }
      }
    } finally {
      rmSync(unpacked, { recursive: true, force: true });
    }
    // DuckDB is an optional peer, which npm leaves out: only `export --format parquet` and `query` load it
    // (tests/logs/duckdb-optional.test.ts).
    assert.deepEqual(Object.keys(m.peerDependencies ?? {}), ["@duckdb/node-api"]);
    assert.deepEqual(m.peerDependenciesMeta, { "@duckdb/node-api": { optional: true } });
    const declared = [...Object.keys(m.dependencies), ...Object.keys(m.peerDependencies ?? {})];
    assert.deepEqual(declared.sort(), [...loaded].sort());
    assert.match(m.dependencies["@pulumi/pulumi"], /^\^3\./);
  });

  it("passes npm publish --dry-run without warnings", async () => {
    const [node, ...npm] = npmCommand();
    const { stderr } = await promisify(execFile)(node, [...npm, "publish", "--dry-run", packedTarball()]);
    const warnings = stderr
      .split("\n")
      .filter((line) => /warn/i.test(line))
      // Offline there is no registry login; a real publish has one.
      .filter((line) => !/requires you to be logged in/.test(line));
    assert.deepEqual(warnings, []);
  });
});
