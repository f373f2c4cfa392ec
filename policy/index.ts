// The policy pack: `pulumi preview --policy-pack <this folder>`.
import { PolicyPack } from "@pulumi/policy";
import { coveragePolicy } from "./coverage-rule";
import { nsgPolicy } from "./nsg-rule";
import { formatVersionPolicy, intervalPolicy, retentionPolicy } from "./settings-rules";

new PolicyPack("azure-flowlogs", {
  policies: [coveragePolicy, retentionPolicy, intervalPolicy, nsgPolicy, formatVersionPolicy],
});
