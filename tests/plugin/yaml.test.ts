// A Pulumi YAML program using FlowLog and NsgFlowLogMigration through the provider plugin: the real
// `pulumi` CLI, pulumi-language-yaml and the plugin (named by `plugins.providers`), against the
// emulator. Pulumi.yaml is written as JSON, which YAML reads as it is.
import * as assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import type { RunningEmulator } from "../../emulator";
import { providerEnv } from "../support/emulated-azure";
import { emulatedStacks } from "../support/emulated-stacks";
import { assertNoSecretsIn } from "../support/no-secrets";
import { PLUGIN_DIR, typesByName } from "../support/plugin";
import * as ids from "../support/seed-ids";
import { interpolate, type PreviewJson, YamlProject } from "../support/yaml-project";

const SUBNET_WEB = `${ids.VNET_WEB}/subnets/web`;

function flowLog(enabled: boolean) {
  return {
    type: "azure-flowlogs:index:FlowLog",
    properties: {
      targetResourceId: ids.VNET_WEB,
      storageAccountId: ids.STORAGE_WEU,
      enabled,
      retentionPolicy: { days: 7 },
      recordTypes: ["B", "E"],
      onDestroy: "delete",
    },
  };
}

/** An enabled, untagged flow log made outside Pulumi (the portal, a script) in the West Europe watcher; its ID. */
async function madeOutside(
  emulator: RunningEmulator,
  name: string,
  targetResourceId: string,
  storageId: string,
  days: number,
  version: number,
): Promise<string> {
  const id = `${ids.WATCHER_WEU}/flowLogs/${name}`;
  await emulator.admin.putResource(id, {
    location: "westeurope",
    properties: {
      targetResourceId,
      storageId,
      enabled: true,
      retentionPolicy: { days, enabled: days > 0 },
      format: { type: "JSON", version },
      provisioningState: "Succeeded",
    },
  });
  return id;
}

const outputs = { flowLogId: interpolate("web.flowLogResourceId"), enabled: interpolate("web.enabled") };

describe("Pulumi YAML programs through the provider plugin (CLI + emulator)", function () {
  this.timeout(15 * 60_000);
  const azure = emulatedStacks();
  const projects: YamlProject[] = [];
  after(() => {
    for (const project of projects) project.dispose();
  });
  const project = () => {
    const created = new YamlProject(providerEnv(azure.emulator), PLUGIN_DIR);
    projects.push(created);
    return created;
  };

  it("FlowLog: preview, up, the enabled flip, refresh, import (option and CLI) and destroy", async () => {
    const yaml = project();
    yaml.write({ web: flowLog(true) }, outputs);
    await yaml.run("stack", "init", "dev");

    const mark = await azure.probe.requestCount();
    const preview = await yaml.json<PreviewJson>("preview");
    assert.equal(preview.changeSummary.create, 3); // the stack, the component, its settings
    assert.deepEqual(await azure.probe.writesSince(mark), [], "preview wrote to Azure");

    await yaml.run("up", "--yes", "--skip-preview");
    const live = await azure.probe.flowLogOf(ids.VNET_WEB);
    assert.deepEqual([live?.enabled, live?.retentionPolicy.days, live?.recordTypes], [true, 7, "B,E"]);
    const stackOutputs = await yaml.json<Record<string, unknown>>("stack", "output");
    assert.deepEqual(stackOutputs, { flowLogId: live?.id, enabled: true });
    assert.equal(typesByName(await yaml.state()).web, "azure-flowlogs:index:FlowLogSettings");

    yaml.write({ web: flowLog(false) }, outputs);
    const flip = await yaml.json<PreviewJson>("preview", "--diff");
    assert.equal(flip.changeSummary.update, 1);
    const updated = flip.steps.find((s) => s.op === "update");
    assert.match(String(updated?.urn), /azure-flowlogs:index:FlowLogSettings::web$/);
    await yaml.run("up", "--yes", "--skip-preview");
    assert.equal((await azure.probe.flowLogOf(ids.VNET_WEB))?.enabled, false);

    // Someone turns it back on in the portal: refresh records the drift, the next up undoes it.
    await azure.emulator.admin.putResource(live!.id, { properties: { ...live, enabled: true } });
    await yaml.run("refresh", "--yes", "--skip-preview");
    const drift = await yaml.json<PreviewJson>("preview");
    assert.equal(drift.changeSummary.update, 1);
    await yaml.run("up", "--yes", "--skip-preview");
    assert.equal((await azure.probe.flowLogOf(ids.VNET_WEB))?.enabled, false);

    // A flow log made in the portal, brought in with the `import` resource option from its ID alone.
    const portalMade = await madeOutside(
      azure.emulator,
      "made-in-portal",
      ids.VNET_API,
      ids.STORAGE_WEU_2,
      3,
      2,
    );
    const adopted = {
      type: "azure-flowlogs:index:FlowLogSettings",
      properties: {
        targetResourceId: ids.VNET_API,
        storageAccountId: ids.STORAGE_WEU_2,
        retentionPolicy: { days: 3 },
      },
      options: { import: portalMade },
    };
    yaml.write({ web: flowLog(false), adopted }, outputs);
    const beforeImport = await azure.probe.requestCount();
    await yaml.run("up", "--yes", "--skip-preview");
    const imported = (await yaml.state()).find((r) => r.urn.endsWith("::adopted"));
    assert.equal(imported?.id, portalMade);
    assert.deepEqual(
      [imported?.outputs?.enabled, imported?.outputs?.retentionPolicy, imported?.outputs?.networkWatcherId],
      [true, { enabled: true, days: 3 }, ids.WATCHER_WEU],
    );
    assert.deepEqual(await azure.probe.writesSince(beforeImport), [], "importing wrote to Azure");

    // `pulumi import` from the ID alone writes the program text and state with every setting.
    const nicLog = await madeOutside(azure.emulator, "nic-from-script", ids.NIC_WEB, ids.STORAGE_WEU, 0, 1);
    const code = path.join(yaml.cli.projectDir, "imported.yaml");
    await yaml.run(
      "import",
      "azure-flowlogs:index:FlowLogSettings",
      "nic",
      nicLog,
      "--yes",
      "--protect=false",
      "--out",
      code,
    );
    assert.match(readFileSync(code, "utf8"), /targetResourceId: \/subscriptions\/.*\/nic-web-01/);
    const nic = (await yaml.state()).find((r) => r.urn.endsWith("::nic"));
    assert.deepEqual(
      [nic?.outputs?.targetResourceId, nic?.outputs?.format, nic?.outputs?.enabled],
      [ids.NIC_WEB, { type: "JSON", version: 1 }, true],
    );

    await yaml.run("destroy", "--yes", "--skip-preview");
    for (const target of [ids.VNET_WEB, ids.VNET_API, ids.NIC_WEB])
      assert.equal(
        await azure.probe.flowLogOf(target),
        undefined,
        `${target}'s flow log is deleted on destroy`,
      );
    assertNoSecretsIn(azure.emulator, yaml.printed);
  });

  it("NsgFlowLogMigration: the NSG flow log goes off after the subnet's runs, and back on when destroyed", async () => {
    const yaml = project();
    yaml.write(
      {
        move: {
          type: "azure-flowlogs:index:NsgFlowLogMigration",
          properties: {
            flowLogs: [
              { name: "web", args: { targetResourceId: SUBNET_WEB, storageAccountId: ids.STORAGE_WEU } },
            ],
            nsgFlowLogs: [{ targetResourceId: ids.NSG_WITH_ENABLED_LOG, after: ["web"] }],
          },
        },
      },
      {
        disabled: interpolate("move.disabledNsgFlowLogs"),
        flowLogIds: interpolate("move.flowLogResourceIds"),
      },
    );
    await yaml.run("stack", "init", "dev");
    await yaml.run("up", "--yes", "--skip-preview");
    assert.equal((await azure.probe.flowLogOf(SUBNET_WEB))?.enabled, true);
    assert.equal((await azure.probe.flowLogOf(ids.NSG_WITH_ENABLED_LOG))?.enabled, false);
    const out = await yaml.json<{ disabled: string[]; flowLogIds: Record<string, string> }>(
      "stack",
      "output",
    );
    assert.deepEqual(out.disabled, [ids.NSG_WITH_ENABLED_LOG]);
    assert.equal(out.flowLogIds.web, (await azure.probe.flowLogOf(SUBNET_WEB))?.id);
    const types = typesByName(await yaml.state());
    assert.equal(types["move-web"], "azure-flowlogs:index:FlowLogSettings");
    assert.equal(types["move-rg-network-nsg-web"], "azure-flowlogs:index:NsgFlowLogHandover");

    await yaml.run("destroy", "--yes", "--skip-preview");
    assert.equal(
      (await azure.probe.flowLogOf(ids.NSG_WITH_ENABLED_LOG))?.enabled,
      true,
      "rollback enables it again",
    );
    assert.equal(await azure.probe.flowLogOf(SUBNET_WEB), undefined);
    assertNoSecretsIn(azure.emulator, yaml.printed);
  });
});
