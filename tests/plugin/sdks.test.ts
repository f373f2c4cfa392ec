// The Python and C# SDKs that Pulumi's own code generators write from the plugin's schema
// (scripts/gen-sdk.sh). Running them needs PyPI's `pulumi` and NuGet's Pulumi, which this machine cannot
// reach, so this checks what it can: every Python module byte-compiles and declares the schema's
// resources, args and enums with its properties in snake case; the C# project file parses as XML, every
// C# file's brackets balance, and every resource, args class and enum is there with the schema's names.
import * as assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import { packageSchema } from "../../components/plugin/schema";
import { classesOf, unbalancedAt } from "../support/csharp-shape";
import { repoRoot } from "../support/engine";

const run = promisify(execFile);
const { version } = JSON.parse(readFileSync(path.join(repoRoot, "package.json"), "utf8"));
const schema = packageSchema(version);

/** A token's last part: `azure-flowlogs:index:FlowLog` -> `FlowLog`. */
const nameOf = (token: string) => token.split(":").pop() ?? token;
/** The Python name the generator gives a property or module: `targetResourceId` -> `target_resource_id`. */
const snake = (name: string) => name.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase();
const sorted = (names: Iterable<string>) => [...names].sort();

const enums = Object.entries(schema.types).flatMap(([token, type]) =>
  "enum" in type ? [{ name: nameOf(token), values: type.enum.map((e) => e.value) }] : [],
);

interface PythonClass {
  bases: string[];
  params: string[];
  properties: string[];
}

describe("Python and C# SDKs from Pulumi's code generators (scripts/gen-sdk.sh)", function () {
  // The first run builds the two generators from the Go module cache (a few minutes on two cores).
  this.timeout(20 * 60_000);
  const out = mkdtempSync(path.join(repoRoot, ".pulumi-test", "sdk-"));
  const pythonPackage = path.join(out, "python", "pulumi_azure_flowlogs");
  const dotnet = path.join(out, "dotnet");
  let python: Record<string, Record<string, PythonClass>>;

  before(async () => {
    await run("bash", [path.join(repoRoot, "scripts", "gen-sdk.sh"), out], { maxBuffer: 16 << 20 });
    const { stdout } = await run("python3", [
      path.join(repoRoot, "tests", "support", "python_sdk_shape.py"),
      pythonPackage,
    ]);
    python = JSON.parse(stdout);
  });
  after(() => rmSync(out, { recursive: true, force: true }));

  it("Python: every module byte-compiles", async () => {
    const { stdout } = await run("python3", ["-m", "compileall", "-f", path.join(out, "python")]);
    const compiled = stdout.split("\n").filter((line) => line.startsWith("Compiling"));
    assert.ok(compiled.length >= Object.keys(schema.resources).length + 5, stdout);
  });

  it("Python: a module per resource, with its class and args class holding the schema's properties", () => {
    for (const [token, resource] of Object.entries(schema.resources)) {
      const name = nameOf(token);
      const module = python[`${snake(name)}.py`];
      assert.ok(module, `${snake(name)}.py is generated for ${token}`);
      const base = resource.isComponent ? "pulumi.ComponentResource" : "pulumi.CustomResource";
      assert.deepEqual(module[name]?.bases, [base], `${name}'s base`);
      const inputs = sorted(Object.keys(resource.inputProperties ?? {}).map(snake));
      assert.deepEqual(sorted(module[`${name}Args`].params), inputs, `${name}Args' parameters`);
      for (const input of inputs) assert.ok(module[name].params.includes(input), `${name}(${input}=…)`);
      assert.deepEqual(
        sorted(module[name].properties),
        sorted(Object.keys(resource.properties ?? {}).map(snake)),
        `${name}'s properties`,
      );
    }
    for (const { name } of enums)
      assert.deepEqual(python["_enums.py"][name]?.bases, ["_builtins.str", "Enum"], `enum ${name}`);
  });

  it("C#: the project file parses as XML and references the Pulumi NuGet package", async () => {
    const [project] = readdirSync(dotnet).filter((f) => f.endsWith(".csproj"));
    assert.equal(project, "Pulumi.AzureFlowlogs.csproj");
    const { stdout } = await run("python3", [
      "-c",
      "import sys, xml.etree.ElementTree as T; print(' '.join(r.get('Include') for r in T.parse(sys.argv[1]).iter('PackageReference')))",
      path.join(dotnet, project),
    ]);
    assert.ok(stdout.trim().split(" ").includes("Pulumi"), stdout);
    assert.equal(readFileSync(path.join(dotnet, "version.txt"), "utf8").trim(), version);
  });

  it("C#: every file's brackets balance; every resource, args class and enum has the schema's names", () => {
    const files = readdirSync(dotnet, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".cs"));
    const classes = Object.assign(
      {},
      ...files.map((file) => {
        const source = readFileSync(path.join(dotnet, file), "utf8");
        assert.equal(unbalancedAt(source), undefined, file);
        return classesOf(source);
      }),
    );
    for (const [token, resource] of Object.entries(schema.resources)) {
      const name = nameOf(token);
      const base = resource.isComponent ? "ComponentResource" : "CustomResource";
      assert.equal(classes[name]?.base, `global::Pulumi.${base}`, `${name}'s base`);
      assert.deepEqual(
        sorted(classes[name].outputs),
        sorted(Object.keys(resource.properties ?? {})),
        `${name}'s outputs`,
      );
      assert.equal(classes[`${name}Args`]?.base, "global::Pulumi.ResourceArgs");
      assert.deepEqual(
        sorted(classes[`${name}Args`].inputs),
        sorted(Object.keys(resource.inputProperties ?? {})),
        `${name}Args' inputs`,
      );
    }
    const source = readFileSync(path.join(dotnet, "Enums.cs"), "utf8");
    for (const { name, values } of enums) {
      assert.equal(classes[name]?.base, `IEquatable<${name}>`, `enum ${name}`);
      for (const value of values) assert.match(source, new RegExp(`new ${name}\\("${value}"\\)`));
    }
  });
});
