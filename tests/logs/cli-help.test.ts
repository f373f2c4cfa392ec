// What a new user gets from `flowlogs` before reading any docs: --help per command with its flags and
// an example, --version, and errors that name the path or flag and what was expected.
import * as assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import { repoRoot } from "../support/engine";

const run = promisify(execFile);
const flowlogs = path.join(repoRoot, "dist", "cli", "flowlogs.js");

const FLAGS: Record<string, string[]> = {
  download: ["--flow-log", "--target", "--from", "--to", "--out"],
  summarize: ["--format", "--top", "--from", "--to", "--jobs"],
  report: ["--out", "--title", "--top", "--from", "--to", "--jobs"],
  export: ["--format", "--out", "--from", "--to", "--jobs"],
  rules: ["--nsg", "--format", "--from", "--to"],
  migrate: ["--region", "--subscription", "--scope", "--format"],
};

/** The failure of a run that must fail: its exit code and stderr. */
async function failure(args: string[]): Promise<{ code: number; stderr: string; stdout: string }> {
  try {
    await run(flowlogs, args);
  } catch (e) {
    return e as { code: number; stderr: string; stdout: string };
  }
  throw new Error(`flowlogs ${args.join(" ")} succeeded`);
}

describe("flowlogs --help, --version and errors", () => {
  for (const [command, flags] of Object.entries(FLAGS)) {
    it(`flowlogs ${command} --help lists its flags and an example`, async () => {
      for (const asked of [
        [command, "--help"],
        [command, "-h"],
        ["help", command],
      ]) {
        const { stdout, stderr } = await run(flowlogs, asked);
        assert.equal(stderr, "");
        assert.match(stdout, new RegExp(`^Usage: flowlogs ${command}`), asked.join(" "));
        for (const flag of flags) assert.ok(stdout.includes(flag), `${asked.join(" ")}: ${flag}`);
        assert.match(stdout, new RegExp(`Examples?:\\n  flowlogs ${command} `));
      }
    });
  }

  it("flowlogs --help lists every command and how to get each one's flags", async () => {
    const { stdout } = await run(flowlogs, ["--help"]);
    for (const command of Object.keys(FLAGS)) assert.match(stdout, new RegExp(`^  ${command} `, "m"));
    assert.match(stdout, /flowlogs <command> --help/);
  });

  it("flowlogs --version prints the package's version", async () => {
    const { version } = JSON.parse(readFileSync(path.join(repoRoot, "package.json"), "utf8"));
    assert.equal((await run(flowlogs, ["--version"])).stdout, `flowlogs ${version}\n`);
  });

  it("a missing path is named with what was expected, not a raw ENOENT", async () => {
    for (const command of ["summarize", "report", "export"]) {
      const e = await failure([command, "./nope"]);
      assert.equal(e.code, 2);
      assert.equal(
        e.stderr,
        `flowlogs: ${command}: ./nope: no such file or folder; expected a flow-log file (such as a downloaded PT1H.json) or a folder of them\n`,
      );
      assert.doesNotMatch(e.stderr, /ENOENT|stat /);
    }
    assert.match((await failure(["summarize"])).stderr, /summarize: no PATH given; expected a flow-log file/);
  });

  it("an unknown flag says where the accepted ones are", async () => {
    const e = await failure(["summarize", "--colour", "red", "./x"]);
    assert.equal(e.code, 2);
    assert.match(
      e.stderr,
      /^flowlogs: summarize: Unknown option '--colour'.*\(see flowlogs summarize --help\)\n$/s,
    );
    assert.match(
      (await failure(["frobnicate"])).stderr,
      /unknown command "frobnicate"; expected download, summarize/,
    );
  });
});
