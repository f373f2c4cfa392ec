// The processes a test started, found through /proc, so a test can kill the engine or the provider
// host mid-operation the way a cancelled CI job or an out-of-memory kill would.
import { readdirSync, readFileSync } from "node:fs";

export interface ProcessInfo {
  pid: number;
  ppid: number;
  /** The command line, arguments joined by spaces. */
  command: string;
}

function info(pid: number): ProcessInfo | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The second field is "(comm)" and may hold spaces; the parent PID follows the state after it.
    const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    const command = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ").trim();
    return { pid, ppid, command };
  } catch {
    return undefined; // exited while we looked
  }
}

/** Every live descendant of `root`, parents before children. */
export function descendants(root: number = process.pid): ProcessInfo[] {
  const all = readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .map((name) => info(Number(name)))
    .filter((p): p is ProcessInfo => p !== undefined);
  const found: ProcessInfo[] = [];
  const parents = new Set([root]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of all) {
      if (parents.has(p.ppid) && !parents.has(p.pid)) {
        parents.add(p.pid);
        found.push(p);
        grew = true;
      }
    }
  }
  return found;
}

/** SIGKILLs the first descendant whose command matches, and with `tree`, everything it started. */
export function killDescendant(match: RegExp, { tree }: { tree: boolean }): ProcessInfo {
  const target = descendants().find((p) => match.test(p.command));
  if (!target) throw new Error(`no process of this test matches ${match}`);
  const victims = tree ? [target, ...descendants(target.pid)] : [target];
  for (const p of victims) process.kill(p.pid, "SIGKILL");
  return target;
}

/** The engine (`pulumi up` and friends) and the dynamic-provider host it starts. */
export const ENGINE = /(^|\/)pulumi (up|preview|refresh|destroy)\b/;
export const PROVIDER_HOST = /dynamic-provider\/index\.js/;
