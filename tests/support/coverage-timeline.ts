// "No NIC unlogged at any moment", checked from the emulator's ordered flow-log changes: each change is
// replayed over the flow logs before it, and every NIC logged at the start must stay logged after it.
import type { FlowLogSnapshot } from "../../emulator";
import type { EmulatorState } from "../../emulator/admin-client";

/** A NIC and every target whose flow log logs it: its NSG, its subnet's NSG, the NIC, its subnet, its network. */
export interface NicLogging {
  nic: string;
  loggedBy: string[];
}

/** A flow log that logs: enabled, and (for VNet, subnet and NIC flow logs) Succeeded. */
export function logs(f: FlowLogSnapshot): boolean {
  return f.enabled && (f.targetKind === "networkSecurityGroup" || f.provisioningState === "Succeeded");
}

interface IdRef {
  id: string;
}

/** What logs each NIC of the emulator's world (scale-set NICs included), read from its NSG and subnet links. */
export function nicLoggingIn(state: EmulatorState): NicLogging[] {
  const byId = new Map(state.resources.map((r) => [r.id.toLowerCase(), r]));
  return state.resources
    .filter((r) => /\/networkInterfaces$/i.test(r.type))
    .map((r) => {
      const nsg = (r.properties.networkSecurityGroup as IdRef | undefined)?.id;
      const configs = (r.properties.ipConfigurations ?? []) as { properties: { subnet?: IdRef } }[];
      const subnets = configs.flatMap((c) => (c.properties.subnet ? [c.properties.subnet.id] : []));
      const around = subnets.flatMap((subnet) => {
        const subnetNsg = byId.get(subnet.toLowerCase())?.properties.networkSecurityGroup as
          | IdRef
          | undefined;
        return [subnet, subnet.replace(/\/subnets\/[^/]+$/i, ""), ...(subnetNsg ? [subnetNsg.id] : [])];
      });
      return { nic: r.id, loggedBy: [...(nsg ? [nsg] : []), r.id, ...around] };
    });
}

/** Flow logs by ID, replayed change by change, and the NICs logged after each change. */
export class CoverageTimeline {
  private readonly current = new Map<string, FlowLogSnapshot>();
  readonly changes: FlowLogSnapshot[] = [];
  /** NICs logged at the start that some change left unlogged, with the change. */
  readonly gaps: string[] = [];
  private readonly mustStayLogged: Set<string>;

  constructor(
    initial: FlowLogSnapshot[],
    private readonly nics: NicLogging[],
  ) {
    for (const f of initial) this.current.set(f.id.toLowerCase(), f);
    this.mustStayLogged = this.loggedNics();
  }

  readonly record = (change: FlowLogSnapshot): void => {
    this.changes.push(change);
    this.current.set(change.id.toLowerCase(), change);
    const logged = this.loggedNics();
    for (const nic of this.mustStayLogged)
      if (!logged.has(nic))
        this.gaps.push(`${nic} unlogged after ${change.targetResourceId} went enabled=${change.enabled}`);
  };

  loggedNics(): Set<string> {
    const logging = new Set(
      [...this.current.values()].filter(logs).map((f) => f.targetResourceId.toLowerCase()),
    );
    return new Set(
      this.nics
        .filter(({ loggedBy }) => loggedBy.some((t) => logging.has(t.toLowerCase())))
        .map((n) => n.nic),
    );
  }

  /** Index of the first change since `from` on `target` that matches. */
  indexOf(target: string, match: (f: FlowLogSnapshot) => boolean, from = 0): number {
    return this.changes.findIndex(
      (f, i) => i >= from && f.targetResourceId.toLowerCase() === target.toLowerCase() && match(f),
    );
  }
}
