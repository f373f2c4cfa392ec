// Names of new flow logs as Microsoft's migration script makes them: `<target>-<resource group>-flowlog`,
// at most 80 characters (the flowLogs child's limit), unique within the plan.
import { parseResourceId } from "../azure/resource-id";

const SUFFIX = "-flowlog";
const MAX_LENGTH = 80;

/** The target's part of the name: a subnet is named with its network, as subnets repeat ("default"). */
function targetPart(targetResourceId: string): { target: string; resourceGroup: string } {
  const parsed = parseResourceId(targetResourceId);
  return {
    target: parsed?.names.join("-") ?? targetResourceId,
    resourceGroup: parsed?.resourceGroupName ?? "",
  };
}

/** Hands out names, cutting long ones to fit and numbering repeats. */
export class FlowLogNames {
  private readonly taken = new Set<string>();

  next(targetResourceId: string): string {
    const { target, resourceGroup } = targetPart(targetResourceId);
    const base = `${target}-${resourceGroup}`;
    for (let n = 1; ; n++) {
      const counter = n === 1 ? "" : `-${n}`;
      const name = `${base.slice(0, MAX_LENGTH - SUFFIX.length - counter.length)}${counter}${SUFFIX}`;
      if (!this.taken.has(name.toLowerCase())) {
        this.taken.add(name.toLowerCase());
        return name;
      }
    }
  }

  /** A name already in use, e.g. an existing flow log the plan updates. */
  reserve(name: string): void {
    this.taken.add(name.toLowerCase());
  }
}
