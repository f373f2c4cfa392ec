// The default seed as NsgFlowLogMigration tests use it: its NICs and what logs each, programs made of
// one migration, and a fresh emulator per test whose changes are replayed NIC by NIC.
import * as assert from "node:assert/strict";
import type * as pulumi from "@pulumi/pulumi";
import { NsgFlowLogMigration, type NsgFlowLogMigrationArgs } from "../../components";
import type { EmulatorOptions, FlowLogSnapshot, RunningEmulator } from "../../emulator";
import { CoverageTimeline, logs, type NicLogging } from "./coverage-timeline";
import { providerEnv, startEmulatedAzure } from "./emulated-azure";
import { failureOf } from "./emulated-stacks";
import { TestStack } from "./engine";
import { AzureProbe } from "./flow-log-program";
import * as ids from "./seed-ids";

const NETWORK = `/subscriptions/${ids.SUBSCRIPTION}/resourceGroups/rg-network/providers/Microsoft.Network`;
export const SUBNET_WEB = `${ids.VNET_WEB}/subnets/web`;
export const NIC_WEB_02 = `${NETWORK}/networkInterfaces/nic-web-02`;
export const NIC_APP = `${NETWORK}/networkInterfaces/nic-app-01`;

/** The seed's NICs and what logs each: its NSG, its subnet's NSG, the NIC, its subnet, its network. */
export const NICS: NicLogging[] = [
  { nic: ids.NIC_WEB, loggedBy: [ids.NSG_WITH_ENABLED_LOG, ids.NIC_WEB, SUBNET_WEB, ids.VNET_WEB] },
  { nic: NIC_WEB_02, loggedBy: [ids.NSG_WITH_ENABLED_LOG, NIC_WEB_02, SUBNET_WEB, ids.VNET_WEB] },
  { nic: NIC_APP, loggedBy: [ids.NSG_WITH_DISABLED_LOG, NIC_APP, ids.SUBNET_APP, ids.VNET_WEB] },
];

/** A program of one NsgFlowLogMigration named "move", exporting the NSGs it disabled. */
export function migration(args: NsgFlowLogMigrationArgs) {
  return async () => {
    const m = new NsgFlowLogMigration("move", args);
    return { disabled: m.disabledNsgFlowLogs };
  };
}

/** A plan's `create` entry for a subnet flow log into flowlogsweu001. */
export const subnetLog = (name: string, target: string) => ({
  name,
  args: { targetResourceId: target, storageAccountId: ids.STORAGE_WEU, retentionPolicy: { days: 30 } },
  // What the plan command prints beside them; the component ignores it.
  covers: ["…"],
  reason: "every NIC of the subnet is covered by one NSG flow log",
});

/** A plan's `create` entry for a NIC flow log into flowlogsweu001. */
export const nicLog = (name: string, target: string) => ({
  name,
  args: { targetResourceId: target, storageAccountId: ids.STORAGE_WEU, tags: { team: "web" } },
});

/** A fresh emulator per test, its flow-log changes replayed NIC by NIC, and the stacks a test makes. */
export interface SeedPerTest {
  emulator: RunningEmulator;
  probe: AzureProbe;
  timeline: CoverageTimeline;
  /** A stack running `program` against this test's emulator; `env` adds to the emulator's environment. */
  stack(program: () => Promise<unknown>, env?: Record<string, string>): Promise<TestStack>;
}

/** Registers the hooks; call inside `describe`. The fields are set in each test. */
export function seedPerTest(options: EmulatorOptions = {}): SeedPerTest {
  const stacks: TestStack[] = [];
  const world = {
    async stack(program: () => Promise<unknown>, env: Record<string, string> = {}) {
      const created = await TestStack.create({
        program: program as pulumi.automation.PulumiFn,
        env: { ...providerEnv(world.emulator), ...env },
      });
      stacks.push(created);
      return created;
    },
  } as SeedPerTest;
  beforeEach(async () => {
    let record: (f: FlowLogSnapshot) => void = () => undefined;
    world.emulator = await startEmulatedAzure({ ...options, onFlowLogChange: (f) => record(f) });
    world.probe = new AzureProbe(world.emulator);
    world.timeline = new CoverageTimeline(await world.emulator.admin.flowLogs(), NICS);
    record = world.timeline.record;
  });
  afterEach(async () => {
    await Promise.all(stacks.splice(0).map((s) => s.dispose()));
    await world.emulator?.stop();
  });
  return world;
}

/** Runs `stack`'s up with nic-web-02's flow log failing in Azure: the up fails, nsg-web's flow log stays on. */
export async function upFailingAtNicWeb02(world: SeedPerTest, stack: TestStack): Promise<Error> {
  await world.emulator.admin.injectFault({
    operation: "flowLogs.put",
    pathContains: "nic-web-02",
    kind: "lroFail",
    message: "Injected failure.",
  });
  const failed = await failureOf(stack.up(), "the up should have failed");
  assert.match(failed.message, /nic-web-02: .*Injected failure/s);
  assert.equal((await world.probe.flowLogOf(ids.NSG_WITH_ENABLED_LOG))?.enabled, true);
  assert.equal((await world.probe.flowLogOf(ids.NIC_WEB))?.enabled, true);
  return failed;
}

/** Both NICs of nsg-web got their own running flow log before nsg-web's flow log went off. */
export function assertNicsLoggedBeforeNsgOff(timeline: CoverageTimeline): void {
  const nicsOn = [ids.NIC_WEB, NIC_WEB_02].map((nic) => timeline.indexOf(nic, logs));
  const nsgOff = timeline.indexOf(ids.NSG_WITH_ENABLED_LOG, (f) => !f.enabled);
  assert.ok(
    nicsOn.every((i) => i >= 0 && i < nsgOff),
    `NIC logs at ${nicsOn}, NSG off at ${nsgOff}`,
  );
}
