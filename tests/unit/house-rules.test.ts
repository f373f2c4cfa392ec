// The rules of the house that the imports can show (DEVELOPMENT.md, "Rules"): arrows point one way,
// the emulator and its clients share no code, no module imports itself round a circle, and a program
// that loads the package loads none of the Azure SDK (only the provider host does).
import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { repoRoot } from "../support/engine";
import { packedTarball } from "../support/package";

/** The folders whose code is measured, relative to the repo. */
const ROOTS = ["components", "emulator", "policy", "stacks"];

/**
 * What each part of components/ may import besides itself. The package's own files at the top of
 * components/ (the two components and their arguments) are "component".
 */
const MAY_IMPORT: Record<string, string[]> = {
  azure: [],
  text: [],
  provider: ["azure"],
  migration: ["azure", "text"],
  logs: ["azure", "text"],
  cli: ["logs", "migration", "azure", "text"],
  component: ["provider", "azure"],
  plugin: ["component", "provider", "azure"],
  stacks: ["component"],
  emulator: [],
  policy: [],
};

interface Import {
  from: string;
  to: string;
  typeOnly: boolean;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === "node_modules" ? [] : sourceFiles(full);
    return /\.(ts|js)$/.test(name) && !name.endsWith(".d.ts") ? [full] : [];
  });
}

/** The file a relative specifier names, as Node and TypeScript resolve it. */
function resolveSpecifier(fromFile: string, specifier: string): string | undefined {
  const base = path.resolve(path.dirname(fromFile), specifier);
  const candidates = [
    base,
    `${base}.ts`,
    `${base}.js`,
    path.join(base, "index.ts"),
    path.join(base, "index.js"),
  ];
  return candidates.find((c) => existsSync(c) && statSync(c).isFile());
}

const STATIC = /^\s*(import|export)\s+(type\s+)?(?:[^"';]*?\s+from\s+)?["']([^"']+)["']/gm;
const DYNAMIC = /\b(?:import|require)\(\s*["']([^"']+)["']\s*\)/g;

/** Every relative import of the measured code, type-only ones marked. */
function imports(): Import[] {
  const found: Import[] = [];
  for (const file of ROOTS.flatMap((root) => sourceFiles(path.join(repoRoot, root)))) {
    // Code that a file writes out for another project (in template strings) is not its own import.
    const text = readFileSync(file, "utf8").replace(/`[^`]*`/g, "``");
    const add = (specifier: string, typeOnly: boolean) => {
      if (!specifier.startsWith(".")) return;
      const to = resolveSpecifier(file, specifier);
      if (to) found.push({ from: file, to, typeOnly });
    };
    for (const m of text.matchAll(STATIC)) add(m[3], m[2] !== undefined);
    for (const m of text.matchAll(DYNAMIC)) add(m[1], false);
  }
  return found;
}

/** Which part of the house a file belongs to. */
function partOf(file: string): string {
  const [root, sub, ...rest] = path.relative(repoRoot, file).split(path.sep);
  if (root !== "components") return root;
  return rest.length ? sub : "component";
}

const rel = (file: string) => path.relative(repoRoot, file);

describe("the house rules the imports show", () => {
  const all = imports();

  it("reads the imports it judges", () => {
    // A parser that found nothing would pass every rule below.
    assert.ok(all.length > 300, `only ${all.length} imports found`);
    assert.ok(all.some((i) => partOf(i.from) === "provider" && partOf(i.to) === "azure"));
  });

  it("points every arrow one way: stacks -> components -> provider -> azure; logs, migration and the CLI beside the provider, never into it", () => {
    const wrong = all
      .filter(
        ({ from, to }) => partOf(from) !== partOf(to) && !MAY_IMPORT[partOf(from)]?.includes(partOf(to)),
      )
      .map(({ from, to }) => `${rel(from)} (${partOf(from)}) -> ${rel(to)} (${partOf(to)})`);
    assert.deepEqual(wrong, []);
  });

  it("keeps the emulator and its clients apart: no file imports across the emulator's border", () => {
    const inEmulator = (file: string) => partOf(file) === "emulator";
    const crossing = all
      .filter(({ from, to }) => inEmulator(from) !== inEmulator(to))
      .map(({ from, to }) => `${rel(from)} -> ${rel(to)}`);
    assert.deepEqual(crossing, []);
  });

  it("has no import circle, type-only imports included", () => {
    const next = new Map<string, string[]>();
    for (const { from, to } of all) next.set(from, [...(next.get(from) ?? []), to]);
    const circles: string[] = [];
    const state = new Map<string, "open" | "done">();
    const visit = (file: string, trail: string[]) => {
      state.set(file, "open");
      for (const to of next.get(file) ?? []) {
        if (state.get(to) === "open")
          circles.push([...trail.slice(trail.indexOf(to)), to].map(rel).join(" -> "));
        else if (!state.has(to)) visit(to, [...trail, to]);
      }
      state.set(file, "done");
    };
    for (const file of next.keys()) if (!state.has(file)) visit(file, [file]);
    assert.deepEqual(circles, []);
  });

  it("loads none of the Azure SDK in a program: the built package's entry point requires no @azure module", function () {
    this.timeout(300_000);
    const dir = mkdtempSync(path.join(tmpdir(), "flowlogs-no-azure-"));
    execFileSync("tar", ["-xzf", packedTarball(), "-C", dir]);
    const script = [
      'require("./package/dist/index.js");',
      "const azure = Object.keys(require.cache).filter((f) => /node_modules[\\\\/]@azure(-rest)?[\\\\/]/.test(f));",
      "const pulumi = Object.keys(require.cache).some((f) => /node_modules[\\\\/]@pulumi[\\\\/]pulumi[\\\\/]/.test(f));",
      "process.stdout.write(JSON.stringify({ azure, pulumi }));",
    ].join("\n");
    // The package's dependencies as an installed package would find them.
    const env = { ...process.env, NODE_PATH: path.join(repoRoot, "node_modules") };
    const loaded = JSON.parse(
      execFileSync(process.execPath, ["-e", script], { cwd: dir, env, encoding: "utf8" }),
    );
    assert.ok(loaded.pulumi, "the entry point did not load @pulumi/pulumi: the check would prove nothing");
    assert.deepEqual(loaded.azure, []);
  });
});
