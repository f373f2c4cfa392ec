// The e2e harness: inline programs run through the real `pulumi` engine (Automation API)
// on a throwaway local file backend, fully offline.
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import * as path from "node:path";
import { isDeepStrictEqual } from "node:util";
import {
  type ConfigMap,
  type DestroyResult,
  type EngineEvent,
  LocalWorkspace,
  type PreviewResult,
  type PulumiFn,
  type RefreshResult,
  type Stack,
  type UpResult,
} from "@pulumi/pulumi/automation";

export const repoRoot = path.resolve(__dirname, "../..");

/**
 * Where test workspaces live: inside the repo (gitignored), so the dynamic-provider host, which starts in the
 * workspace, finds @pulumi/pulumi and this package (its built `dist/`) from there, as in a user's project.
 */
const scratchRoot = path.join(repoRoot, ".pulumi-test");

export interface TestStackOptions {
  program: PulumiFn;
  projectName?: string;
  stackName?: string;
  config?: ConfigMap;
  /** Extra environment for the engine and the provider processes it starts. */
  env?: Record<string, string>;
  /** Where the workspace folder goes (default: the repo's .pulumi-test); the provider host runs there. */
  parentDir?: string;
  /** An existing backend to continue a stack in, e.g. another TestStack's `backendDir`. */
  backendDir?: string;
}

/** What one engine operation produced, with the events it streamed. */
export interface Run<R> {
  result: R;
  events: EngineEvent[];
  stdout: string;
}

export class TestStack {
  private constructor(
    readonly stack: Stack,
    readonly workDir: string,
    readonly backendDir: string,
  ) {}

  static async create(options: TestStackOptions): Promise<TestStack> {
    const parentDir = options.parentDir ?? scratchRoot;
    mkdirSync(parentDir, { recursive: true });
    const workDir = mkdtempSync(path.join(parentDir, "ws-"));
    const backendDir = options.backendDir ?? path.join(workDir, "backend");
    const homeDir = path.join(workDir, "home");
    mkdirSync(backendDir, { recursive: true });
    mkdirSync(homeDir);
    const projectName = options.projectName ?? "flowlogs-test";
    const env: Record<string, string> = {
      PULUMI_BACKEND_URL: `file://${backendDir}`,
      PULUMI_CONFIG_PASSPHRASE: "test-passphrase-not-a-secret",
      PULUMI_HOME: homeDir,
      PULUMI_SKIP_UPDATE_CHECK: "true",
      PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
      ...options.env,
    };
    const stack = await LocalWorkspace.createOrSelectStack(
      { stackName: options.stackName ?? "test", projectName, program: options.program },
      {
        workDir,
        envVars: env,
        projectSettings: { name: projectName, runtime: "nodejs", backend: { url: env.PULUMI_BACKEND_URL } },
      },
    );
    if (options.config) await stack.setAllConfig(options.config);
    return new TestStack(stack, workDir, backendDir);
  }

  preview(opts: { refresh?: boolean } = {}): Promise<Run<PreviewResult>> {
    return this.run((onEvent, onOutput) => this.stack.preview({ onEvent, onOutput, diff: true, ...opts }));
  }

  up(opts: { refresh?: boolean } = {}): Promise<Run<UpResult>> {
    return this.run((onEvent, onOutput) => this.stack.up({ onEvent, onOutput, diff: true, ...opts }));
  }

  refresh(opts: { clearPendingCreates?: boolean } = {}): Promise<Run<RefreshResult>> {
    return this.run((onEvent, onOutput) => this.stack.refresh({ onEvent, onOutput, ...opts }));
  }

  destroy(): Promise<Run<DestroyResult>> {
    return this.run((onEvent, onOutput) => this.stack.destroy({ onEvent, onOutput }));
  }

  /** Swaps the inline program, as a new release of a user's code would. */
  setProgram(program: PulumiFn): void {
    this.stack.workspace.program = program;
  }

  /** The checkpoint as the engine stored it (secrets stay encrypted). */
  async state(): Promise<StackState> {
    const exported = await this.stack.exportStack();
    return exported.deployment as StackState;
  }

  /** Replaces the checkpoint, as an earlier release of this package would have left it. */
  async setState(state: StackState): Promise<void> {
    const exported = await this.stack.exportStack();
    await this.stack.importStack({ ...exported, deployment: state });
  }

  async dispose(): Promise<void> {
    await this.stack.workspace.removeStack(this.stack.name, { force: true }).catch(() => undefined);
    rmSync(this.workDir, { recursive: true, force: true });
  }

  private async run<R>(
    op: (onEvent: (e: EngineEvent) => void, onOutput: (s: string) => void) => Promise<R>,
  ): Promise<Run<R>> {
    const events: EngineEvent[] = [];
    let stdout = "";
    const result = await op(
      (e) => events.push(e),
      (s) => {
        stdout += s;
      },
    );
    return { result, events, stdout };
  }
}

export interface StateResource {
  urn: string;
  type: string;
  id?: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
  parent?: string;
}

export interface StackState {
  resources?: StateResource[];
  pending_operations?: unknown[];
}

/** Resource URNs and the operation the engine reported for each (create, update, same, ...). */
export function stepOps(events: EngineEvent[]): Map<string, string> {
  const ops = new Map<string, string>();
  for (const e of events) {
    const step = e.resOutputsEvent?.metadata ?? e.resourcePreEvent?.metadata;
    if (step) ops.set(step.urn, step.op);
  }
  return ops;
}

/**
 * Top-level input keys that change for a resource in a preview or update, as `pulumi preview --diff`
 * shows them. The dynamic-provider host does not forward a provider's detailed diff, so this compares
 * the old and new inputs the engine reports (ignoring the serialized provider).
 */
export function changedKeys(events: EngineEvent[], urnSuffix: string): string[] {
  const keys = new Set<string>();
  for (const e of events) {
    const step = e.resourcePreEvent?.metadata;
    if (!step?.urn.endsWith(urnSuffix) || step.op === "same") continue;
    const olds = step.old?.inputs ?? {};
    const news = step.new?.inputs ?? {};
    for (const k of new Set([...Object.keys(olds), ...Object.keys(news)])) {
      if (k !== "__provider" && !isDeepStrictEqual(olds[k], news[k])) keys.add(k);
    }
  }
  return [...keys].sort();
}

/**
 * A stack output of a finished `up`. A missing one fails with what the engine printed, so a rare
 * miss (once in CI, never reproduced) shows its cause the next time it happens.
 */
export function stackOutput(run: Run<UpResult>, name: string): unknown {
  const output = run.result.outputs[name];
  if (output) return output.value;
  const lastLines = run.stdout.trim().split("\n").slice(-40).join("\n");
  throw new Error(
    `up recorded no stack output "${name}" (it has: ${Object.keys(run.result.outputs).join(", ") || "none"}); ` +
      `summary: ${JSON.stringify(run.result.summary)}; the engine printed:\n${lastLines}`,
  );
}
