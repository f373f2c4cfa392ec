// The demo: this repo's own Pulumi.yaml project driven by the real `pulumi` CLI (with its Node.js language
// host) against the local emulator, printing what the CLI prints, as a terminal or a PR comment shows it.
import { mkdtempSync, rmSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { ExistingTarget } from "../stacks/existing-targets";
import { providerEnv, startEmulatedAzure } from "../tests/support/emulated-azure";
import { repoRoot } from "../tests/support/engine";
import { PulumiCli } from "../tests/support/pulumi-cli";
import * as ids from "../tests/support/seed-ids";

const bold = (text: string) => (process.stdout.isTTY ? `\x1b[1m${text}\x1b[0m` : text);

function step(title: string, command?: string): void {
  console.log(`\n${bold(`== ${title}`)}${command ? `\n$ ${command}` : ""}`);
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

async function main(): Promise<void> {
  step("Starting the Azure emulator (ARM + Entra ID over HTTPS on loopback)");
  const emulator = await startEmulatedAzure({ latency: "fast" });
  console.log(`emulator at ${emulator.armUrl}; the provider signs in as ${emulator.credentials.clientId}`);
  const work = mkdtempSync(path.join(os.tmpdir(), "flowlogs-demo-"));
  // Stack config lives beside the local backend, so the demo leaves the checkout as it found it.
  const configFile = path.join(work, "Pulumi.demo.yaml");
  const pulumi = new PulumiCli(repoRoot, work, providerEnv(emulator), { echo: true });
  const cli = async (title: string, args: string[]) => {
    step(title, `pulumi ${args.join(" ")}`);
    await pulumi.run([...args, "--config-file", configFile]);
  };
  const setTargets = (webEnabled: boolean) =>
    pulumi.run([
      "config",
      "set",
      "targets",
      JSON.stringify(targets(webEnabled)),
      "--config-file",
      configFile,
    ]);
  const flowLogs = async () => {
    for (const f of await emulator.admin.flowLogs()) {
      if ([ids.VNET_WEB, ids.NSG_WITH_DISABLED_LOG].includes(f.targetResourceId)) {
        console.log(
          `  Azure now: ${f.name}: enabled=${f.enabled}, retention=${f.retentionPolicy.days} days, format v${f.format.version}`,
        );
      }
    }
  };
  try {
    await pulumi.run(["stack", "init", "demo"]);
    await setTargets(true);
    await cli("Two flow logs on existing targets: a VNet, and an NSG whose old flow log is re-enabled", [
      "preview",
      "--diff",
    ]);
    await cli("Apply them", ["up", "--yes", "--skip-preview"]);
    await flowLogs();

    step("Flip enabled: true -> false on vnet-web (a config change, as a pull request would make it)");
    await setTargets(false);
    await cli("The pull request's preview", ["preview", "--diff"]);
    await cli("Merged: apply it", ["up", "--yes", "--skip-preview"]);
    await flowLogs();

    step("Someone changes the NSG's flow log in the portal: retention 30 -> 1 day");
    const nsgLog = (await emulator.admin.flowLogs()).find(
      (f) => f.targetResourceId === ids.NSG_WITH_DISABLED_LOG,
    )!;
    await emulator.admin.patchResource(nsgLog.id, {
      properties: { retentionPolicy: { days: 1, enabled: true } },
    });
    await cli("pulumi refresh notices the drift", ["refresh", "--yes", "--diff"]);
    await cli("The next preview shows the way back", ["preview", "--diff"]);
    await cli("Put it back", ["up", "--yes", "--skip-preview"]);
    await flowLogs();

    await cli(
      "Destroy: the VNet flow log is deleted, the NSG one disabled (NSG flow logs can no longer be created anew)",
      ["destroy", "--yes", "--skip-preview"],
    );
    await flowLogs();
    const changes = (await emulator.admin.requests()).filter((r) =>
      ["configureFlowLog", "flowLogs.put"].includes(r.operation),
    );
    console.log(
      `\nDone: ${changes.length} flow-log changes sent to Azure, each one asked for by the program.`,
    );
  } finally {
    await emulator.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(`demo failed: ${(e as Error).message}`);
  process.exit(1);
});
