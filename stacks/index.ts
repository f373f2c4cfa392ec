// The Pulumi program behind the root Pulumi.yaml: config `example` picks which example stack runs.
import * as pulumi from "@pulumi/pulumi";
import { type ExistingTarget, existingTargetsStack } from "./existing-targets";
import { newNetworkStack } from "./new-network";

const config = new pulumi.Config();
const example = config.get("example") ?? "existing-targets";

function program() {
  switch (example) {
    case "existing-targets":
      return existingTargetsStack(config.requireObject<ExistingTarget[]>("targets"));
    case "new-network":
      return newNetworkStack({
        location: config.get("location") ?? "westeurope",
        prefix: config.get("prefix") ?? "flowlogs",
        retentionDays: config.getNumber("retentionDays") ?? 7,
      });
    default:
      throw new Error(`config example: got "${example}"; expected "existing-targets" or "new-network"`);
  }
}

export = program();
