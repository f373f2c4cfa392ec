// CPU time and peak memory of this process's descendants while an operation runs, sampled from /proc
// (Linux): the engine (`pulumi`) and the dynamic-provider hosts are child processes whose time the
// bench would otherwise see only summed up with everything else once they are reaped.
import { readdirSync, readFileSync } from "node:fs";

/** Clock ticks per second of /proc's CPU figures (`getconf CLK_TCK`; 100 on Linux). */
const TICKS_PER_SECOND = 100;
const SAMPLE_MS = 100;

export interface CpuSeconds {
  /** The `pulumi` processes: the engine and the CLI commands the Automation API runs around it. */
  engine: number;
  /** Node processes running `@pulumi/pulumi`'s dynamic-provider host. */
  providerHosts: number;
  /** This process: the Automation API runs an inline program here; a bench also runs its emulator here. */
  program: number;
}

export interface Usage {
  cpu: CpuSeconds;
  /** The largest peak resident memory (VmHWM) of one provider host, in MB. */
  providerHostPeakMb: number;
}

function read(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return undefined; // the process ended between listing and reading
  }
}

function childrenOf(pid: number): number[] {
  let tasks: string[];
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return [];
  }
  return tasks.flatMap((tid) =>
    (read(`/proc/${pid}/task/${tid}/children`) ?? "").split(" ").filter(Boolean).map(Number),
  );
}

/** Which figure a process counts towards, and its user + system time in ticks so far. */
function sample(pid: number): ["engine" | "providerHosts", number] | undefined {
  const stat = read(`/proc/${pid}/stat`);
  if (!stat) return undefined;
  const command = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
  // Fields after the command: state is the 3rd field of the line, utime and stime the 14th and 15th.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const ticks = Number(fields[11]) + Number(fields[12]);
  if (command === "pulumi") return ["engine", ticks];
  // Node names its main thread (and so the process) "MainThread": know the host by its script.
  if ((read(`/proc/${pid}/cmdline`) ?? "").includes("dynamic-provider")) return ["providerHosts", ticks];
  return undefined;
}

function peakRssMb(pid: number): number {
  const kb = /^VmHWM:\s+(\d+) kB$/m.exec(read(`/proc/${pid}/status`) ?? "")?.[1];
  return Number(kb ?? 0) / 1024;
}

/** Runs `op`, sampling its descendants, and returns its result with the CPU each kind used and the hosts' peak memory. */
export async function withUsage<T>(op: () => Promise<T>): Promise<[T, Usage]> {
  const last = new Map<number, ["engine" | "providerHosts", number]>();
  const ownCpu = process.cpuUsage();
  let providerHostPeakMb = 0;
  const poll = () => {
    const pending = childrenOf(process.pid);
    while (pending.length > 0) {
      const pid = pending.pop()!;
      const seen = sample(pid);
      if (seen) last.set(pid, seen);
      if (seen?.[0] === "providerHosts") providerHostPeakMb = Math.max(providerHostPeakMb, peakRssMb(pid));
      pending.push(...childrenOf(pid));
    }
  };
  const timer = setInterval(poll, SAMPLE_MS);
  try {
    const result = await op();
    const own = process.cpuUsage(ownCpu);
    const cpu: CpuSeconds = { engine: 0, providerHosts: 0, program: (own.user + own.system) / 1e6 };
    for (const [kind, ticks] of last.values()) cpu[kind] += ticks / TICKS_PER_SECOND;
    return [result, { cpu, providerHostPeakMb }];
  } finally {
    clearInterval(timer);
  }
}
