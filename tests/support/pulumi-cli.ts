// The real `pulumi` CLI on a project folder, as a user or a pipeline runs it: a local file backend and
// a throwaway PULUMI_HOME, so nothing outside the test's folders is touched.
import { execFile } from "node:child_process";
import { mkdirSync } from "node:fs";
import * as path from "node:path";

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export class PulumiCli {
  /** The environment every command runs with. */
  readonly env: NodeJS.ProcessEnv;

  /**
   * `stateDir` holds the backend and PULUMI_HOME; `env` is added to this process's environment; `echo`
   * also passes what the CLI prints through to this process's output as it comes.
   */
  constructor(
    readonly projectDir: string,
    stateDir: string,
    env: Record<string, string> = {},
    private readonly options: { echo?: boolean } = {},
  ) {
    const backendDir = path.join(stateDir, "backend");
    const homeDir = path.join(stateDir, "home");
    mkdirSync(backendDir, { recursive: true });
    mkdirSync(homeDir, { recursive: true });
    this.env = {
      ...process.env,
      PULUMI_BACKEND_URL: `file://${backendDir}`,
      PULUMI_CONFIG_PASSPHRASE: "test-passphrase-not-a-secret",
      PULUMI_HOME: homeDir,
      PULUMI_SKIP_UPDATE_CHECK: "true",
      PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
      NO_COLOR: "1",
      ...env,
    };
  }

  /** Runs `pulumi ARGS` in the project; rejects with the CLI's output when it exits non-zero. */
  async run(args: string[]): Promise<CliResult> {
    const result = await this.attempt(args);
    if (result.code !== 0) {
      throw new Error(`pulumi ${args.join(" ")} exited ${result.code}\n${result.stdout}\n${result.stderr}`);
    }
    return result;
  }

  /** Runs `pulumi ARGS` and resolves with whatever happened. */
  attempt(args: string[]): Promise<CliResult> {
    return new Promise((resolve) => {
      const child = execFile(
        "pulumi",
        args,
        { cwd: this.projectDir, env: this.env, maxBuffer: 64 * 1024 * 1024 },
        (error, stdout, stderr) => {
          const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
          resolve({ code, stdout, stderr });
        },
      );
      if (this.options.echo) {
        child.stdout?.pipe(process.stdout);
        child.stderr?.pipe(process.stderr);
      }
    });
  }
}
