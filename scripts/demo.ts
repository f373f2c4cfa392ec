// The demo: a flow log's whole lifecycle through the real Pulumi engine, against the local emulator.
import type { PulumiFn } from "@pulumi/pulumi/automation";
import { type ExistingTarget, existingTargetsStack } from "../stacks/existing-targets";
import { providerEnv, startEmulatedAzure } from "../tests/support/emulated-azure";
import { TestStack } from "../tests/support/engine";
import * as ids from "../tests/support/seed-ids";

const bold = (text: string) => (process.stdout.isTTY ? `\x1b[1m${text}\x1b[0m` : text);

function step(title: string): void {
  console.log(`\n${bold(`== ${title}`)}`);
}

/** The engine's own diff lines, without the noise around them. */
function diffLines(stdout: string): string {
  return stdout
    .split("\n")
    .filter((line) => /^\s*[~+-]|=>|Resources:|to update|to create|to delete|unchanged/.test(line))
    .join("\n");
}

function targets(webEnabled: boolean): ExistingTarget[] {
  return [
    {
      name: "vnet-web",
      targetResourceId: ids.VNET_WEB,
      storageAccountId: ids.STORAGE_WEU,
      enabled: webEnabled,
      retentionPolicy: { days: 7 },
    },
    {
      name: "nsg-app",
      targetResourceId: ids.NSG_WITH_DISABLED_LOG,
      storageAccountId: ids.STORAGE_WEU,
      retentionPolicy: { days: 30 },
    },
  ];
}

const program =
  (webEnabled: boolean): PulumiFn =>
  async () =>
    existingTargetsStack(targets(webEnabled));

async function main(): Promise<void> {
  step("Starting the Azure emulator (ARM + Entra ID over HTTPS on loopback)");
  const emulator = await startEmulatedAzure({ latency: "fast" });
  console.log(
    `emulator at ${emulator.armUrl}; the provider signs in as ${emulator.credentials.clientId} through @azure/identity`,
  );
  const stack = await TestStack.create({
    program: program(true),
    projectName: "flowlogs-demo",
    stackName: "demo",
    env: providerEnv(emulator),
  });
  const flowLogs = async () => {
    for (const f of await emulator.admin.flowLogs()) {
      if ([ids.VNET_WEB, ids.NSG_WITH_DISABLED_LOG].includes(f.targetResourceId)) {
        console.log(
          `  ${f.name}: enabled=${f.enabled}, retention=${f.retentionPolicy.days} days, format v${f.format.version}`,
        );
      }
    }
  };
  try {
    step(
      "pulumi preview: two flow logs on existing targets (a VNet, and an NSG whose old flow log is re-enabled)",
    );
    console.log(diffLines((await stack.preview()).stdout));

    step("pulumi up");
    const up = await stack.up();
    console.log(`created: ${up.result.summary.resourceChanges?.create ?? 0} resources`);
    await flowLogs();

    step("Flip enabled: true -> false on vnet-web, and preview the change");
    stack.setProgram(program(false));
    console.log(diffLines((await stack.preview()).stdout));
    await stack.up();
    await flowLogs();

    step("Someone changes the NSG's flow log in the portal (retention 30 -> 1 day); pulumi refresh notices");
    const nsgLog = (await emulator.admin.flowLogs()).find(
      (f) => f.targetResourceId === ids.NSG_WITH_DISABLED_LOG,
    )!;
    await emulator.admin.patchResource(nsgLog.id, {
      properties: { retentionPolicy: { days: 1, enabled: true } },
    });
    console.log(diffLines((await stack.refresh()).stdout));
    step("pulumi preview shows the way back, pulumi up takes it");
    console.log(diffLines((await stack.preview()).stdout));
    await stack.up();
    await flowLogs();

    step("pulumi destroy: flow logs are disabled, not deleted (NSG flow logs can no longer be created anew)");
    await stack.destroy();
    await flowLogs();
    const changes = (await emulator.admin.requests()).filter((r) =>
      ["configureFlowLog", "flowLogs.put"].includes(r.operation),
    );
    console.log(
      `\nDone: ${changes.length} flow-log changes sent to Azure, each one asked for by the program.`,
    );
  } finally {
    await stack.dispose();
    await emulator.stop();
  }
}

main().catch((e) => {
  console.error(`demo failed: ${(e as Error).message}`);
  process.exit(1);
});
