// The FlowLog rules' judgements, value by value; the CLI test shows them reaching `pulumi preview`.
import * as assert from "node:assert/strict";
import { unknownCheckingProxy } from "@pulumi/policy";
import { NSG_POLICY, nsgPolicy } from "../../policy/nsg-rule";
import { FLOW_LOG_SETTINGS_TYPE, isNetworkSecurityGroup } from "../../policy/resource-types";
import { formatVersionViolation, intervalViolation, retentionViolation } from "../../policy/settings-rules";
import { policyResource, stackViolations, UNKNOWN_STRING } from "./stack-resources";

/** Settings as the pack reads them, with unknown values where preview cannot know them. */
const settings = (props: Record<string, unknown>) => unknownCheckingProxy(props);

describe("flow-log-retention-90-days", () => {
  const judge = (retentionPolicy: unknown) => retentionViolation(settings({ retentionPolicy }));

  it("accepts keeping logs forever (0 days, or no policy) and 90 days or more", () => {
    for (const policy of [
      undefined,
      { days: 0 },
      { enabled: true, days: 0 },
      { enabled: false, days: 30 },
      { days: 90 },
      { enabled: true, days: 365 },
    ]) {
      assert.equal(judge(policy), undefined, JSON.stringify(policy));
    }
  });

  it("denies 1 to 89 days, naming the field, the value and what CIS asks for", () => {
    assert.equal(
      judge({ days: 89 }),
      "retentionPolicy.days is 89; CIS Azure benchmark 7.8 asks for 0 (keep forever) or at least 90 days.",
    );
    assert.match(judge({ enabled: true, days: 1 }) ?? "", /is 1;/);
  });

  it("does not judge what preview cannot know", () => {
    assert.equal(judge({ days: UNKNOWN_STRING }), undefined);
    assert.equal(judge(UNKNOWN_STRING), undefined);
  });
});

describe("traffic-analytics-interval", () => {
  const judge = (trafficAnalytics: unknown) => intervalViolation(settings({ trafficAnalytics }));

  it("accepts 10, 60, the default, and analytics that are off", () => {
    for (const ta of [undefined, { intervalInMinutes: 10 }, { intervalInMinutes: 60 }, {}]) {
      assert.equal(judge(ta), undefined, JSON.stringify(ta));
    }
    assert.equal(judge({ enabled: false, intervalInMinutes: 30 }), undefined);
  });

  it("denies any other interval", () => {
    assert.equal(
      judge({ intervalInMinutes: 30 }),
      "trafficAnalytics.intervalInMinutes is 30; Azure processes traffic analytics every 10 or 60 minutes.",
    );
    assert.equal(judge({ intervalInMinutes: UNKNOWN_STRING }), undefined);
  });
});

describe("flow-log-format-version-2", () => {
  it("advises against version 1 only", () => {
    assert.match(
      formatVersionViolation(settings({ format: { version: 1 } })) ?? "",
      /^format\.version is 1;/,
    );
    assert.equal(formatVersionViolation(settings({ format: { version: 2 } })), undefined);
    assert.equal(formatVersionViolation(settings({})), undefined);
  });
});

describe(NSG_POLICY, () => {
  const nsgType = "azure-native:network:NetworkSecurityGroup";
  const nsgId =
    "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/networkSecurityGroups/nsg-web";
  const flowLog = (
    name: string,
    props: Record<string, unknown>,
    dependsOn: ReturnType<typeof policyResource>[] = [],
  ) =>
    policyResource({
      type: FLOW_LOG_SETTINGS_TYPE,
      name,
      props,
      propertyDependencies: { targetResourceId: dependsOn },
    });

  it("knows network security groups by type, whatever the provider", () => {
    for (const type of [
      nsgType,
      "azure-native:network/v20240301:NetworkSecurityGroup",
      "azure:network/networkSecurityGroup:NetworkSecurityGroup",
    ]) {
      assert.ok(isNetworkSecurityGroup(type), type);
    }
    assert.ok(!isNetworkSecurityGroup("azure-native:network:NetworkSecurityGroupRule"));
  });

  it("denies a FlowLog on a group this update creates, naming the FlowLog, the group and the rule", async () => {
    const nsg = policyResource({ type: nsgType, name: "nsg-new", props: { id: UNKNOWN_STRING } });
    const log = flowLog("on-nsg", { targetResourceId: UNKNOWN_STRING }, [nsg]);
    const violations = await stackViolations(nsgPolicy, [nsg, log]);
    assert.deepEqual(
      violations.map((v) => v.urn),
      [log.urn],
    );
    assert.match(
      violations[0].message,
      /^FlowLog "on-nsg" breaks no-new-nsg-flow-logs: network security group "nsg-new" is created by this update/,
    );
  });

  it("denies a new FlowLog on a group whose flowLogs output is empty", async () => {
    const nsg = policyResource({ type: nsgType, name: "nsg-web", props: { id: nsgId, flowLogs: [] } });
    const log = flowLog("by-id", { targetResourceId: nsgId.toUpperCase() });
    const violations = await stackViolations(nsgPolicy, [nsg, log]);
    assert.match(violations[0]?.message ?? "", /network security group "nsg-web" has no flow log/);
  });

  it("passes a group with a flow log, a FlowLog that already exists, and groups outside the stack", async () => {
    const logged = policyResource({
      type: nsgType,
      name: "logged",
      props: { id: nsgId, flowLogs: [{ id: "x" }] },
    });
    const empty = policyResource({ type: nsgType, name: "empty", props: { id: `${nsgId}-2`, flowLogs: [] } });
    const emptyToo = policyResource({
      type: nsgType,
      name: "empty-too",
      props: { id: `${nsgId}-3`, flowLogs: [] },
    });
    const violations = await stackViolations(nsgPolicy, [
      logged,
      empty,
      emptyToo,
      flowLog("on-logged", { targetResourceId: nsgId }),
      // Recorded by an earlier release, with its flow log's ID in outputs; and now, with its provisioning state.
      flowLog("managed", { targetResourceId: `${nsgId}-2`, flowLogResourceId: "/watcher/flowLogs/managed" }),
      flowLog("managed-now", { targetResourceId: `${nsgId}-3`, provisioningState: "Succeeded" }),
      flowLog("outside", { targetResourceId: nsgId.replace("nsg-web", "nsg-elsewhere") }),
    ]);
    assert.deepEqual(violations, []);
  });
});
