// No FlowLog asks Azure for a new NSG flow log: Azure refuses them since 30 June 2025. A policy cannot
// ask Azure, so it judges what the stack itself shows about the targeted network security group:
// - the group is created by this update (its ID, and so the FlowLog's target, is not known yet): a new
//   group has no flow log;
// - the group's `flowLogs` output (azure-native) is known and empty: it has none.
// A FlowLog that already exists (its provisioning state is known; earlier states also record its
// flowLogResourceId) manages an existing log and passes.
// Groups outside the stack are left to the FlowLog's own preview check, which reads the group from Azure.
import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { type FlowLogTarget, flowLogTargets, targets } from "./flow-log-targets";
import { isNetworkSecurityGroup } from "./resource-types";
import { lengthAt, NOT_YET_KNOWN, stringAt, valueAt } from "./values";

export const NSG_POLICY = "no-new-nsg-flow-logs";

/** Why the FlowLog would need a new NSG flow log on `nsg`, or undefined. */
export function newNsgFlowLogReason(flowLog: FlowLogTarget, nsg: PolicyResource): string | undefined {
  const props = flowLog.flowLog.props;
  if (stringAt(props, "provisioningState") || stringAt(props, "flowLogResourceId")) return undefined;
  const idUnknown = [valueAt(flowLog.flowLog.props, "targetResourceId"), valueAt(nsg.props, "id")].includes(
    NOT_YET_KNOWN,
  );
  if (idUnknown) return `network security group "${nsg.name}" is created by this update`;
  if (lengthAt(nsg.props, "flowLogs") === 0) return `network security group "${nsg.name}" has no flow log`;
  return undefined;
}

export function newNsgFlowLogs(resources: PolicyResource[]): { flowLog: PolicyResource; reason: string }[] {
  const groups = resources.filter((r) => isNetworkSecurityGroup(r.type));
  return flowLogTargets(resources).flatMap((target) => {
    const nsg = groups.find((group) => targets(target, group));
    const reason = nsg && newNsgFlowLogReason(target, nsg);
    return reason ? [{ flowLog: target.flowLog, reason }] : [];
  });
}

export const nsgPolicy: StackValidationPolicy = {
  name: NSG_POLICY,
  description:
    "No FlowLog targets a network security group without a flow log: Azure creates no new NSG flow logs since 30 June 2025.",
  enforcementLevel: "mandatory",
  validateStack: (args, reportViolation) => {
    for (const { flowLog, reason } of newNsgFlowLogs(args.resources)) {
      reportViolation(
        `FlowLog "${flowLog.name}" breaks ${NSG_POLICY}: ${reason}, and Azure creates no new NSG flow logs ` +
          "since 30 June 2025. Log the group's virtual network, a subnet or a network interface instead.",
        flowLog.urn,
      );
    }
  },
};
