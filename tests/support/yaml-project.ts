// A Pulumi YAML project run with the real `pulumi` CLI: Pulumi.yaml written as JSON (which YAML reads as
// it is), the provider plugin named by `plugins.providers` when a path is given, else found as the
// engine finds installed plugins.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { repoRoot, type StateResource } from "./engine";
import { PulumiCli } from "./pulumi-cli";

export interface PreviewJson {
  changeSummary: Record<string, number>;
  steps: { op: string; urn: string }[];
}

/** A Pulumi YAML interpolation of `expression`. */
export const interpolate = (expression: string) => `\${${expression}}`;

export class YamlProject {
  readonly cli: PulumiCli;
  /** Everything the CLI printed, for the no-secrets check. */
  readonly printed: string[] = [];

  constructor(
    env: Record<string, string>,
    private readonly pluginPath?: string,
  ) {
    const dir = mkdtempSync(path.join(repoRoot, ".pulumi-test", "yaml-"));
    this.cli = new PulumiCli(dir, path.join(dir, ".state"), env);
  }

  write(resources: Record<string, unknown>, outputs: Record<string, string> = {}): void {
    const plugins = this.pluginPath
      ? { plugins: { providers: [{ name: "azure-flowlogs", path: this.pluginPath }] } }
      : {};
    const project = { name: "flowlogs-yaml", runtime: "yaml", ...plugins, resources, outputs };
    writeFileSync(path.join(this.cli.projectDir, "Pulumi.yaml"), JSON.stringify(project, null, 2));
  }

  async run(...args: string[]): Promise<string> {
    const { stdout, stderr } = await this.cli.run(args);
    this.printed.push(stdout, stderr);
    return stdout;
  }

  async json<T>(...args: string[]): Promise<T> {
    return JSON.parse(await this.run(...args, "--json")) as T;
  }

  async state(): Promise<StateResource[]> {
    const exported = JSON.parse(await this.run("stack", "export"));
    return exported.deployment.resources ?? [];
  }

  dispose(): void {
    rmSync(this.cli.projectDir, { recursive: true, force: true });
  }
}
