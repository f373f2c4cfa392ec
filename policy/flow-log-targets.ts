// What each FlowLog in a stack points at: the stack resources its targetResourceId was computed from
// (known even during preview, when IDs are not), and the target's ARM ID once it is known.
import type { PolicyResource } from "@pulumi/policy";
import { isFlowLogSettings } from "./resource-types";
import { sameId, stringAt, valueAt } from "./values";

export interface FlowLogTarget {
  /** The FlowLog's settings resource. */
  flowLog: PolicyResource;
  /** URNs of the stack resources the target ID came from. */
  sourceUrns: Set<string>;
  /** The target's ARM ID, when known. */
  targetId?: string;
}

export function flowLogTargets(resources: PolicyResource[]): FlowLogTarget[] {
  return resources
    .filter((resource) => isFlowLogSettings(resource.type))
    .map((flowLog) => ({
      flowLog,
      sourceUrns: new Set((flowLog.propertyDependencies.targetResourceId ?? []).map((r) => r.urn)),
      targetId: stringAt(flowLog.props, "targetResourceId"),
    }));
}

/** False only for a FlowLog the program turns off; one preview cannot judge yet still counts. */
export function isEnabled(target: FlowLogTarget): boolean {
  return valueAt(target.flowLog.props, "enabled") !== false;
}

/** The resource's ARM ID (its `id` output), when known. */
export function armIdOf(resource: PolicyResource): string | undefined {
  return stringAt(resource.props, "id");
}

/** Whether the FlowLog's target is `resource` itself. */
export function targets(target: FlowLogTarget, resource: PolicyResource): boolean {
  return target.sourceUrns.has(resource.urn) || sameId(target.targetId, armIdOf(resource));
}

/** Whether `resource` depends, through the property `property`, on `on`. */
export function dependsThrough(resource: PolicyResource, property: string, on: PolicyResource): boolean {
  return (resource.propertyDependencies[property] ?? []).some((r) => r.urn === on.urn);
}
