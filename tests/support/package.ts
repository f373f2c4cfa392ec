// The package as a user gets it: the tarball `npm pack` makes from a fresh build. `npm test` packs once
// and hands the path over in FLOWLOGS_TARBALL; a test file run on its own packs for itself.
import { execFileSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
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

/** Commits of the published releases: an upgrade test installs what users installed, built from the source it was. */
const RELEASE_COMMITS: Record<string, string> = {
  "0.3.0": "4e6afb21d2fbe97571a4333229d1739944f18b3b",
};

/**
 * A published release, built from its commit in this repo's history and packed as `npm pack` made it
 * then; built once and kept under `.pulumi-test/releases/`.
 */
export function releasedTarball(version: keyof typeof RELEASE_COMMITS & string): string {
  const destination = path.join(repoRoot, ".pulumi-test", "releases");
  const tarball = path.join(destination, `pulumi-azure-flowlogs-${version}.tgz`);
  if (existsSync(tarball)) return tarball;
  const commit = RELEASE_COMMITS[version];
  const source = mkdtempSync(path.join(os.tmpdir(), `flowlogs-${version}-`));
  try {
    execFileSync("bash", ["-c", `git -C "${repoRoot}" archive "${commit}" | tar -x -C "${source}"`], {
      stdio: ["ignore", "inherit", "inherit"],
    });
    symlinkSync(path.join(repoRoot, "node_modules"), path.join(source, "node_modules"));
    execFileSync(process.execPath, [path.join(source, "scripts", "build.js")], {
      cwd: source,
      stdio: "inherit",
    });
    const [{ filename }] = JSON.parse(
      execFileSync(
        npmCommand()[0],
        [...npmCommand().slice(1), "pack", "--ignore-scripts", "--json", "--pack-destination", source],
        { cwd: source, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] },
      ),
    ) as { filename: string }[];
    // Renamed into place whole, so test files building it at once never see half a tarball.
    mkdirSync(destination, { recursive: true });
    renameSync(path.join(source, filename), tarball);
    return tarball;
  } finally {
    rmSync(source, { recursive: true, force: true });
  }
}
