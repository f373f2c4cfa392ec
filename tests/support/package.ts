// The package as a user gets it: the tarball `npm pack` makes from a fresh build. `npm test` packs once
// and hands the path over in FLOWLOGS_TARBALL; a test file run on its own packs for itself.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { repoRoot } from "./engine";

let packed: string | undefined;
let npmCli: string | undefined;

/** The path of this repo's package, built and packed. */
export function packedTarball(): string {
  packed ??= process.env.FLOWLOGS_TARBALL ?? pack();
  return packed;
}

function pack(): string {
  const destination = path.join(repoRoot, ".pulumi-test", "pack");
  mkdirSync(destination, { recursive: true });
  const [{ filename }] = JSON.parse(
    execFileSync(
      npmCommand()[0],
      [...npmCommand().slice(1), "pack", "--json", "--pack-destination", destination],
      {
        cwd: repoRoot,
        encoding: "utf8",
        stdio: ["ignore", "pipe", "inherit"],
      },
    ),
  ) as { filename: string }[];
  return path.join(destination, filename);
}

/** npm, run by this process's Node (24): npm on an older Node would resolve other releases. */
export function npmCommand(): string[] {
  npmCli ??= execFileSync("bash", ["-c", 'readlink -f "$(command -v npm)"'], { encoding: "utf8" }).trim();
  return [process.execPath, npmCli];
}

/** The files a tarball holds, without npm's `package/` prefix. */
export function tarballFiles(tarball: string): string[] {
  return execFileSync("tar", ["-tzf", tarball], { encoding: "utf8", maxBuffer: 16 * 1024 * 1024 })
    .split("\n")
    .filter(Boolean)
    .map((entry) => entry.replace(/^package\//, ""));
}

/**
 * Another release of the same package: the tarball unpacked, changed by `edit` (given the unpacked folder),
 * given `version`, and packed again, as an upgrade from or to it would look to a user.
 */
export function repackAs(tarball: string, version: string, edit: (dir: string) => void): string {
  const work = mkdtempSync(path.join(os.tmpdir(), "flowlogs-release-"));
  execFileSync("tar", ["-xzf", tarball, "-C", work]);
  const dir = path.join(work, "package");
  const manifest = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8"));
  writeFileSync(path.join(dir, "package.json"), JSON.stringify({ ...manifest, version }, null, 2));
  edit(dir);
  const out = path.join(path.dirname(tarball), `pulumi-azure-flowlogs-${version}.tgz`);
  execFileSync("tar", ["-czf", out, "-C", work, ...readdirSync(work)]);
  rmSync(work, { recursive: true, force: true });
  return out;
}
