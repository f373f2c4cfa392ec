// The policy pack: `pulumi preview --policy-pack <this folder>`.
import { PolicyPack } from "@pulumi/policy";
import { coveragePolicy } from "./coverage-rule";
import { nsgPolicy } from "./nsg-rule";
import { formatVersionPolicy, intervalPolicy, retentionDaysPolicy } from "./settings-rules";

new PolicyPack("azure-flowlogs", {
  policies: [coveragePolicy, retentionDaysPolicy, intervalPolicy, nsgPolicy, formatVersionPolicy],
});
