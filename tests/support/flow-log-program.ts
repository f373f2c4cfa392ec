// What the end-to-end tests share: a one-FlowLog program, and questions to ask the emulator about it.
import type * as pulumi from "@pulumi/pulumi";
import { FlowLog, type FlowLogArgs } from "../../components";
import type { RunningEmulator } from "../../emulator";
import * as ids from "./seed-ids";

/** Operations that change a flow log; preview, refresh and no-op updates must send none of them. */
export const WRITE_OPERATIONS = [
  "configureFlowLog",
  "flowLogs.put",
  "flowLogs.delete",
  "flowLogs.updateTags",
];

/** A program with one FlowLog on vnet-web into flowlogsweu001, unless `args` say otherwise. */
export function flowLogProgram(
  args: Partial<FlowLogArgs>,
  name = "web",
  opts: pulumi.ComponentResourceOptions = {},
) {
  return async () => {
    const log = new FlowLog(
      name,
      { targetResourceId: ids.VNET_WEB, storageAccountId: ids.STORAGE_WEU, ...args },
      opts,
    );
    return { flowLogId: log.flowLogResourceId, enabled: log.enabled, retention: log.retentionPolicy };
  };
}

export class AzureProbe {
  constructor(private readonly emulator: RunningEmulator) {}

  async flowLogOf(target: string) {
    return (await this.emulator.admin.flowLogs()).find(
      (f) => f.targetResourceId.toLowerCase() === target.toLowerCase(),
    );
  }

  async requestCount(): Promise<number> {
    return (await this.emulator.admin.requests()).length;
  }

  /** The flow-log writes Azure received since `mark` (a requestCount). */
  async writesSince(mark: number): Promise<string[]> {
    const log = await this.emulator.admin.requests();
    return log
      .slice(mark)
      .filter((e) => WRITE_OPERATIONS.includes(e.operation))
      .map((e) => e.operation);
  }
}
