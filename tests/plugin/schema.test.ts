// The plugin's schema against the TypeScript types it states for other languages: read with the
// TypeScript compiler, so a field added to args.ts (or an output to FlowLog) that the schema lacks fails
// here. And the schema `pulumi package get-schema` prints is the one the package builds.
import * as assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import * as ts from "typescript";
import { packageSchema, TOKENS } from "../../components/plugin/schema";
import { token } from "../../components/plugin/schema-types";
import { repoRoot } from "../support/engine";
import { PLUGIN_DIR } from "../support/plugin";

const schema = packageSchema("0.0.0-test");

const FILES = {
  args: "components/args.ts",
  migrationArgs: "components/nsg-flow-log-migration-args.ts",
  flowLog: "components/flow-log.ts",
  settings: "components/provider/resource.ts",
  inputs: "components/provider/inputs.ts",
  handover: "components/provider/handover-resource.ts",
  handoverInputs: "components/provider/handover-inputs.ts",
};

const program = ts.createProgram(
  Object.values(FILES).map((f) => path.join(repoRoot, f)),
  { strict: true, skipLibCheck: true, types: ["node"] },
);
const checker = program.getTypeChecker();

/** The properties of a type, interface or class (its instance side) declared in `file`: name -> optional. */
function fieldsOf(file: string, name: string): Map<string, boolean> {
  const source = program.getSourceFile(path.join(repoRoot, file));
  const declaration = source?.statements.find(
    (s): s is ts.InterfaceDeclaration | ts.TypeAliasDeclaration | ts.ClassDeclaration =>
      (ts.isInterfaceDeclaration(s) || ts.isTypeAliasDeclaration(s) || ts.isClassDeclaration(s)) &&
      s.name?.text === name,
  );
  assert.ok(declaration?.name, `${name} is declared in ${file}`);
  const type = checker.getDeclaredTypeOfSymbol(checker.getSymbolAtLocation(declaration.name)!);
  const fields = new Map<string, boolean>();
  for (const property of checker.getPropertiesOfType(type)) {
    // A class: only its own public outputs (not urn, nor its static or protected members).
    const own = property.declarations?.[0];
    if (ts.isClassDeclaration(declaration)) {
      if (own?.parent !== declaration || !ts.isPropertyDeclaration(own)) continue;
      if (!/^pulumi\.Output</.test(own.type?.getText() ?? "")) continue;
    }
    fields.set(property.name, (property.flags & ts.SymbolFlags.Optional) !== 0);
  }
  return fields;
}

interface Shape {
  description?: string;
  properties: Record<string, { description?: string }>;
  required?: string[];
}

function sameFields(fields: Map<string, boolean>, shape: Shape, what: string, checkRequired = true) {
  assert.deepEqual(
    Object.keys(shape.properties).sort(),
    [...fields.keys()].sort(),
    `${what}: property names`,
  );
  if (!checkRequired) return;
  const required = [...fields].filter(([, optional]) => !optional).map(([name]) => name);
  assert.deepEqual([...(shape.required ?? [])].sort(), required.sort(), `${what}: required properties`);
}

const resource = (name: keyof typeof TOKENS) => schema.resources[TOKENS[name]];
const inputsOf = (name: keyof typeof TOKENS): Shape => ({
  properties: resource(name).inputProperties,
  required: resource(name).requiredInputs,
});
const outputsOf = (name: keyof typeof TOKENS): Shape => ({ properties: resource(name).properties });
const typeOf = (name: string) => schema.types[token(name)] as Shape;

describe("the plugin's schema and the TypeScript types", () => {
  it("states every FlowLog argument, with the same optionality, and every FlowLog output", () => {
    sameFields(fieldsOf(FILES.args, "FlowLogArgs"), inputsOf("flowLog"), "FlowLog inputs");
    sameFields(fieldsOf(FILES.args, "FlowLogArgs"), typeOf("FlowLogSpec"), "FlowLogSpec");
    sameFields(fieldsOf(FILES.flowLog, "FlowLog"), outputsOf("flowLog"), "FlowLog outputs", false);
    sameFields(fieldsOf(FILES.args, "RetentionPolicyArgs"), typeOf("RetentionPolicy"), "RetentionPolicy");
    sameFields(fieldsOf(FILES.args, "FormatArgs"), typeOf("Format"), "Format");
    sameFields(fieldsOf(FILES.args, "TrafficAnalyticsArgs"), typeOf("TrafficAnalytics"), "TrafficAnalytics");
    sameFields(fieldsOf(FILES.args, "NetworkWatcherArgs"), typeOf("NetworkWatcher"), "NetworkWatcher");
  });

  it("states every NsgFlowLogMigration argument", () => {
    sameFields(fieldsOf(FILES.migrationArgs, "NsgFlowLogMigrationArgs"), inputsOf("migration"), "migration");
    sameFields(
      fieldsOf(FILES.migrationArgs, "MigrationFlowLog"),
      typeOf("MigrationFlowLog"),
      "MigrationFlowLog",
    );
    sameFields(
      fieldsOf(FILES.migrationArgs, "MigrationNsgFlowLog"),
      typeOf("MigrationNsgFlowLog"),
      "MigrationNsgFlowLog",
    );
  });

  it("states the custom resources' inputs and outputs as the lifecycles record them", () => {
    // Names only: `check` fills the defaults, so the schema requires less than the resolved inputs hold.
    sameFields(
      fieldsOf(FILES.settings, "FlowLogSettingsArgs"),
      inputsOf("settings"),
      "settings inputs",
      false,
    );
    sameFields(fieldsOf(FILES.inputs, "FlowLogOutputs"), outputsOf("settings"), "settings outputs", false);
    sameFields(fieldsOf(FILES.inputs, "OperationTimeouts"), typeOf("OperationTimeouts"), "OperationTimeouts");
    sameFields(
      fieldsOf(FILES.handover, "NsgFlowLogHandoverArgs"),
      inputsOf("handover"),
      "handover inputs",
      false,
    );
    sameFields(
      fieldsOf(FILES.handoverInputs, "HandoverOutputs"),
      outputsOf("handover"),
      "handover outputs",
      false,
    );
    sameFields(
      fieldsOf(FILES.handoverInputs, "CoveringFlowLog"),
      typeOf("CoveringFlowLog"),
      "CoveringFlowLog",
    );
  });

  it("documents every resource, type and property, and every reference resolves", () => {
    const shapes: [string, Shape][] = [
      ...Object.entries(schema.types).map(([name, t]) => [name, t as Shape] as [string, Shape]),
      ...Object.entries(schema.resources).flatMap(([name, r]) => [
        [`${name} inputs`, { description: r.description, properties: r.inputProperties }] as [string, Shape],
        [`${name} outputs`, { description: r.description, properties: r.properties }] as [string, Shape],
      ]),
    ];
    for (const [name, shape] of shapes) {
      assert.ok(shape.description, `${name} has a description`);
      for (const [field, spec] of Object.entries(shape.properties ?? {})) {
        assert.ok(spec.description, `${name}.${field} has a description`);
        const refs = JSON.stringify(spec).match(/#\/types\/[^"]+/g) ?? [];
        for (const ref of refs)
          assert.ok(ref.slice("#/types/".length) in schema.types, `${name}.${field}: ${ref}`);
      }
    }
  });

  it("is what `pulumi package get-schema` prints from the plugin's launcher", async function () {
    this.timeout(5 * 60_000);
    const home = mkdtempSync(path.join(os.tmpdir(), "flowlogs-schema-"));
    try {
      const { stdout } = await promisify(execFile)(
        "pulumi",
        ["package", "get-schema", path.join(PLUGIN_DIR, "pulumi-resource-azure-flowlogs")],
        { env: { ...process.env, PULUMI_HOME: home, PULUMI_SKIP_UPDATE_CHECK: "true" }, maxBuffer: 16 << 20 },
      );
      const { version } = JSON.parse(readFileSync(path.join(repoRoot, "package.json"), "utf8"));
      assert.deepEqual(JSON.parse(stdout), JSON.parse(JSON.stringify(packageSchema(version))));
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });
});
