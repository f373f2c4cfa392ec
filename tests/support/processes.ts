// The processes a test started, found through /proc, so a test can kill the engine or the provider
// host mid-operation the way a cancelled CI job or an out-of-memory kill would.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { setTimeout as delay } from "node:timers/promises";

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

/** Whether the process runs; a zombie (exited, not yet reaped by its parent) does not. */
export function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat[stat.lastIndexOf(")") + 2] !== "Z";
  } catch {
    return false;
  }
}

/** Resolves once the process no longer runs, looking every 100 ms. */
export async function ended(pid: number): Promise<void> {
  while (isRunning(pid)) await delay(100);
}

/** SIGKILLs those of `processes` that still run. */
export function endAll(processes: ProcessInfo[]): void {
  for (const p of processes) if (isRunning(p.pid)) process.kill(p.pid, "SIGKILL");
}

export interface Orphans {
  /** The engine's dynamic-provider host, paused (SIGSTOP) unless it had ended already: `resume` lets it go on. */
  host: ProcessInfo;
  /** Every process the engine had started; the test ends them with `endAll`. */
  left: ProcessInfo[];
}

/** Sends `signal` to a process that may have ended already. */
function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ESRCH") throw e;
  }
}

/**
 * SIGKILLs the engine alone, as an out-of-memory kill in a pipeline does, leaving what it started running,
 * then pauses its provider host so the test decides when the orphan goes on. Paused only once the engine
 * is reaped: a stopped process in a group the engine's exit orphans gets SIGHUP from the kernel, which
 * would end it for us.
 */
export async function killEngineAlone(): Promise<Orphans> {
  const engine = descendants().find((p) => ENGINE.test(p.command));
  if (!engine) throw new Error(`no process of this test matches ${ENGINE}`);
  const left = descendants(engine.pid);
  const host = left.find((p) => PROVIDER_HOST.test(p.command));
  if (!host) throw new Error(`the engine ${engine.pid} runs no process matching ${PROVIDER_HOST}`);
  process.kill(engine.pid, "SIGKILL");
  // Reaped: every thread has exited, so the engine's children have their new parent.
  while (existsSync(`/proc/${engine.pid}`)) await delay(5);
  signal(host.pid, "SIGSTOP");
  return { host, left };
}

/** Lets a paused orphan go on. */
export function resume(orphans: Orphans): void {
  signal(orphans.host.pid, "SIGCONT");
}
