// The tarball `npm pack` makes, as the registry would get it: compiled code and declarations only, entry
// points that exist, and runtime dependencies that are exactly what the shipped code loads.
import * as assert from "node:assert/strict";
import { execFile, execFileSync } from "node:child_process";
import { builtinModules } from "node:module";
import { promisify } from "node:util";
import { npmCommand, packedTarball, tarballFiles } from "../support/package";

interface Manifest {
  private?: boolean;
  main: string;
  types: string;
  bin: Record<string, string>;
  exports: Record<string, string | { types: string; default: string }>;
  dependencies: Record<string, string>;
}

const manifest = (): Manifest =>
  JSON.parse(execFileSync("tar", ["-xzOf", packedTarball(), "package/package.json"], { encoding: "utf8" }));

describe("the packed package", () => {
  it("holds dist/, README and LICENSE, and no tests, bench, scripts, emulator or TypeScript sources", () => {
    const files = tarballFiles(packedTarball());
    const outside = files.filter(
      (f) => !f.startsWith("dist/") && !["package.json", "README.md", "LICENSE"].includes(f),
    );
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
    // What the JavaScript requires, and what the declarations import (a user's compiler resolves those).
    const shipped = execFileSync(
      "tar",
      ["-xzOf", packedTarball(), "--wildcards", "package/dist/*.js", "package/dist/*.d.ts"],
      { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 },
    );
    const loaded = new Set<string>();
    for (const [, specifier] of shipped.matchAll(/(?:require\(|from |import\()"([^"]+)"/g)) {
      if (specifier.startsWith(".") || specifier.startsWith("node:") || builtinModules.includes(specifier))
        continue;
      loaded.add(
        specifier
          .split("/")
          .slice(0, specifier.startsWith("@") ? 2 : 1)
          .join("/"),
      );
    }
    assert.deepEqual(Object.keys(m.dependencies).sort(), [...loaded].sort());
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
