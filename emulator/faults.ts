// Injected faults: each rule matches requests by operation, method and/or path and fires `count` times.
import { ArmError, armErrors } from "./errors";

export type FaultKind = "status" | "drop" | "lroFail";

export interface FaultRule {
  /** Operation name as in the request log, e.g. "configureFlowLog", "flowLogs.put". */
  operation?: string;
  method?: string;
  pathContains?: string;
  kind: FaultKind;
  /** For "status": 500 (default), 503, 429 or 409 (AnotherOperationInProgress). */
  status?: number;
  /** For "status" 429: seconds in Retry-After (default 1). */
  retryAfterSeconds?: number;
  /** For "lroFail": the error the operation ends with (default InternalServerError). */
  code?: string;
  message?: string;
  /** How many matching requests it affects (default 1). */
  count?: number;
}

export interface RequestFacts {
  operation: string;
  method: string;
  path: string;
}

export class FaultInjector {
  private rules: (FaultRule & { remaining: number })[] = [];

  constructor(rules: FaultRule[] = []) {
    for (const rule of rules) this.add(rule);
  }

  add(rule: FaultRule): void {
    if (!["status", "drop", "lroFail"].includes(rule.kind))
      throw new Error(`fault kind: got "${rule.kind}"; expected status, drop or lroFail`);
    this.rules.push({ ...rule, remaining: rule.count ?? 1 });
  }

  clear(): void {
    this.rules = [];
  }

  list(): FaultRule[] {
    return this.rules.map(({ remaining, ...rule }) => ({ ...rule, count: remaining }));
  }

  /** Takes (uses up once) the first rule of one of `kinds` matching the request. */
  take(facts: RequestFacts, kinds: FaultKind[]): FaultRule | undefined {
    const rule = this.rules.find(
      (r) =>
        r.remaining > 0 &&
        kinds.includes(r.kind) &&
        (!r.operation || r.operation === facts.operation) &&
        (!r.method || r.method.toUpperCase() === facts.method) &&
        (!r.pathContains || facts.path.toLowerCase().includes(r.pathContains.toLowerCase())),
    );
    if (rule) rule.remaining--;
    this.rules = this.rules.filter((r) => r.remaining > 0);
    return rule;
  }
}

export function faultError(rule: FaultRule): ArmError {
  if (rule.status === 503) return armErrors.unavailable();
  if (rule.status === 429) return armErrors.throttled(rule.retryAfterSeconds ?? 1);
  if (rule.status === 409) return armErrors.anotherOperationInProgress(rule.pathContains ?? "the target");
  return armErrors.internal();
}

export function lroFailure(rule: FaultRule): ArmError {
  return new ArmError(500, rule.code ?? "InternalServerError", rule.message ?? "An error occurred.");
}
