// The tag a handover writes on an NSG flow log before it disables it. State records the disable only
// once the engine hears back; a run killed in between leaves the flow log off with no record of who
// turned it off. The tag is that record, on the flow log itself: a re-run finds it and keeps the flow
// log its own to enable again at rollback. Pure.
import type { FlowLogState } from "../azure";

export const HANDOVER_TAG = "pulumi-azure-flowlogs-handover";

/** What the handover turned off, for the rollback to turn on again. */
export interface HandedOver {
  trafficAnalyticsWasEnabled?: boolean;
}

type Tagged = Pick<FlowLogState, "tags">;

/** Azure compares tag names case-insensitively. */
const isHandoverTag = ([key]: [string, string]) => key.toLowerCase() === HANDOVER_TAG;

/** The flow log as tagged by a handover before it disabled it, or undefined when it carries no such tag. */
export function handedOver(live: Tagged): HandedOver | undefined {
  const value = Object.entries(live.tags ?? {}).find(isHandoverTag)?.[1];
  if (value === undefined) return undefined;
  const ta = /traffic analytics was (on|off)/.exec(value)?.[1];
  return ta ? { trafficAnalyticsWasEnabled: ta === "on" } : {};
}

/** Its tags with the handover's on top, saying what was on. */
export function withHandoverTag(live: FlowLogState): Record<string, string> {
  const ta = live.trafficAnalytics;
  const value = `disabled by NsgFlowLogMigration${ta ? `; traffic analytics was ${ta.enabled ? "on" : "off"}` : ""}`;
  return { ...live.tags, [HANDOVER_TAG]: value };
}

/** Its tags without the handover's. */
export function withoutHandoverTag(live: Tagged): Record<string, string> {
  return Object.fromEntries(Object.entries(live.tags ?? {}).filter((entry) => !isHandoverTag(entry)));
}
