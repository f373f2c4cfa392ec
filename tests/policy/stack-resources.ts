// Stack resources shaped as the policy SDK hands them to stack rules, and a way to run a stack rule.
import { type PolicyResource, type StackValidationPolicy, unknownCheckingProxy } from "@pulumi/policy";

/** What the engine sends for a value preview cannot know (the policy SDK reads it back as unknown). */
export const UNKNOWN_STRING = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export interface ResourceSpec {
  type: string;
  name: string;
  props?: Record<string, unknown>;
  /** Property name => the resources its value was computed from. */
  propertyDependencies?: Record<string, PolicyResource[]>;
}

export function policyResource(spec: ResourceSpec): PolicyResource {
  const propertyDependencies = spec.propertyDependencies ?? {};
  return {
    type: spec.type,
    name: spec.name,
    urn: `urn:pulumi:test::policy::${spec.type}::${spec.name}`,
    props: unknownCheckingProxy(spec.props ?? {}),
    opts: {} as PolicyResource["opts"],
    dependencies: Object.values(propertyDependencies).flat(),
    propertyDependencies,
    isType: () => false,
    asType: () => undefined,
  };
}

/** The violations a stack rule reports, as "message @ urn". */
export async function stackViolations(policy: StackValidationPolicy, resources: PolicyResource[]) {
  const violations: { message: string; urn?: string }[] = [];
  const validate = policy.validateStack;
  if (typeof validate !== "function") throw new Error(`${policy.name} has no validateStack function`);
  await validate(
    {
      resources,
      stackTags: new Map(),
      getConfig: <T>() => ({}) as T,
      notApplicable: (reason?: string) => {
        throw new Error(`not applicable: ${reason}`);
      },
    },
    (message, urn) => violations.push({ message, urn }),
  );
  return violations;
}
