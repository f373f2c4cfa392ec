// Rules on one FlowLog's own settings, read from its settings resource. Each check returns the
// violation's text, or undefined; values preview cannot know yet are not judged.
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { isFlowLogSettings } from "./resource-types";
import { NOT_YET_KNOWN, valueAt } from "./values";

/** CIS Microsoft Azure Foundations Benchmark 7.8: keep NSG/VNet flow logs 90 days or more (or forever). */
export const MIN_RETENTION_DAYS = 90;
export const TRAFFIC_ANALYTICS_INTERVALS = [10, 60];
export const RECOMMENDED_FORMAT_VERSION = 2;

type Props = Record<string, unknown>;

export function retentionViolation(props: Props): string | undefined {
  const days = valueAt(props, "retentionPolicy", "days");
  const enabled = valueAt(props, "retentionPolicy", "enabled");
  if (typeof days !== "number" || enabled === NOT_YET_KNOWN) return undefined;
  // Without a policy (enabled false) Azure keeps the blobs forever; days alone means "apply this policy".
  if (enabled === false || (enabled === undefined && days <= 0)) return undefined;
  if (days === 0 || days >= MIN_RETENTION_DAYS) return undefined;
  return (
    `retentionPolicy.days is ${days}; CIS Azure benchmark 7.8 asks for 0 (keep forever) or at least ` +
    `${MIN_RETENTION_DAYS} days.`
  );
}

export function intervalViolation(props: Props): string | undefined {
  const analytics = valueAt(props, "trafficAnalytics");
  if (analytics === undefined || analytics === null || analytics === NOT_YET_KNOWN) return undefined;
  if (valueAt(analytics, "enabled") === false) return undefined;
  const interval = valueAt(analytics, "intervalInMinutes");
  if (typeof interval !== "number" || TRAFFIC_ANALYTICS_INTERVALS.includes(interval)) return undefined;
  return (
    `trafficAnalytics.intervalInMinutes is ${interval}; Azure processes traffic analytics every ` +
    `${TRAFFIC_ANALYTICS_INTERVALS.join(" or ")} minutes.`
  );
}

export function formatVersionViolation(props: Props): string | undefined {
  const version = valueAt(props, "format", "version");
  if (typeof version !== "number" || version === RECOMMENDED_FORMAT_VERSION) return undefined;
  return (
    `format.version is ${version}; version ${RECOMMENDED_FORMAT_VERSION} adds each flow's state and its ` +
    "byte and packet counts, which version 1 records lack."
  );
}

/** A policy applying `check` to every FlowLog's settings; its message names the FlowLog and the rule. */
function flowLogSettingsPolicy(
  name: string,
  description: string,
  enforcementLevel: ResourceValidationPolicy["enforcementLevel"],
  check: (props: Props) => string | undefined,
): ResourceValidationPolicy {
  return {
    name,
    description,
    enforcementLevel,
    validateResource: (args, reportViolation) => {
      if (!isFlowLogSettings(args.type)) return;
      const violation = check(args.props);
      if (violation) reportViolation(`FlowLog "${args.name}" breaks ${name}: ${violation}`);
    },
  };
}

export const retentionDaysPolicy = flowLogSettingsPolicy(
  "flow-log-retention-90-days",
  "Flow logs are kept forever (retention 0) or at least 90 days (CIS Azure benchmark 7.8).",
  "mandatory",
  retentionViolation,
);

export const intervalPolicy = flowLogSettingsPolicy(
  "traffic-analytics-interval",
  "Traffic analytics, when on, processes every 10 or 60 minutes.",
  "mandatory",
  intervalViolation,
);

export const formatVersionPolicy = flowLogSettingsPolicy(
  "flow-log-format-version-2",
  "Flow logs are written in format version 2.",
  "advisory",
  formatVersionViolation,
);
