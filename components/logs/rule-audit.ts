// The rule audit: an NSG's rules against the tuples its flow logs hold, hits per rule and rules never hit.
// NSG flow logs name the NSG as the record's resourceId; VNet flow logs name it as the tuple's aclID.
import type { NsgRule, NsgRules } from "../azure/security-rules";
import type { Flow } from "./flow";

export interface RuleHits extends NsgRule {
  allowed: number;
  denied: number;
  first?: string;
  last?: string;
}

export interface RuleAudit {
  nsg: string;
  /** The period the audit covers: the range asked for, else the first and last tuple of the NSG seen. */
  from?: string;
  to?: string;
  /** Tuples of this NSG read; tuples of other NSGs are left out. */
  tuples: number;
  rules: RuleHits[];
  neverHit: string[];
  /** Rule names in the logs that the NSG no longer has (deleted or renamed since). */
  notInNsg: { loggedAs: string; allowed: number; denied: number }[];
  caveat: string;
}

const CAVEAT =
  "A rule with no hits here was not matched by any logged tuple in this period. That is not proof it is unused: traffic outside the period, hours or NICs without logs, a flow log that was disabled, or traffic a rule of higher priority matched first is not seen. Look at a long period before removing a rule.";

export class RuleAuditBuilder {
  private readonly nsgId: string;
  private readonly byLoggedName = new Map<string, RuleHits>();
  private readonly unknown = new Map<string, { loggedAs: string; allowed: number; denied: number }>();
  private readonly times = new Map<string, [number, number]>();
  private tuples = 0;
  private first = Number.POSITIVE_INFINITY;
  private last = Number.NEGATIVE_INFINITY;

  constructor(private readonly nsg: NsgRules) {
    this.nsgId = nsg.id.toLowerCase();
    for (const rule of nsg.rules)
      this.byLoggedName.set(rule.loggedAs.toLowerCase(), { ...rule, allowed: 0, denied: 0 });
  }

  add(flow: Flow): void {
    const owner = flow.aclID !== undefined ? flow.aclID : flow.target;
    if (owner.toLowerCase() !== this.nsgId) return;
    this.tuples++;
    this.first = Math.min(this.first, flow.time);
    this.last = Math.max(this.last, flow.time);
    const key = flow.rule.toLowerCase();
    const hits =
      this.byLoggedName.get(key) ??
      this.unknown.get(key) ??
      this.unknown.set(key, { loggedAs: flow.rule, allowed: 0, denied: 0 }).get(key)!;
    if (flow.decision === "deny") hits.denied++;
    else hits.allowed++;
    const seen = this.times.get(key);
    if (seen) {
      seen[0] = Math.min(seen[0], flow.time);
      seen[1] = Math.max(seen[1], flow.time);
    } else this.times.set(key, [flow.time, flow.time]);
  }

  build(range: { from?: number; to?: number }): RuleAudit {
    const iso = (ms: number) => new Date(ms).toISOString();
    const rules = [...this.byLoggedName.values()].map((r) => {
      const seen = this.times.get(r.loggedAs.toLowerCase());
      return seen ? { ...r, first: iso(seen[0]), last: iso(seen[1]) } : r;
    });
    const from = range.from ?? (this.tuples ? this.first : undefined);
    const to = range.to ?? (this.tuples ? this.last : undefined);
    return {
      nsg: this.nsg.id,
      ...(from !== undefined ? { from: iso(from) } : {}),
      ...(to !== undefined ? { to: iso(to) } : {}),
      tuples: this.tuples,
      rules,
      neverHit: rules.filter((r) => !r.allowed && !r.denied).map((r) => r.name),
      notInNsg: [...this.unknown.values()],
      caveat: CAVEAT,
    };
  }
}
