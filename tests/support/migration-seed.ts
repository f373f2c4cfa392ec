// The default seed as NsgFlowLogMigration tests use it: its NICs and what logs each, programs made of
// one migration, and a fresh emulator per test whose changes are replayed NIC by NIC.
import type * as pulumi from "@pulumi/pulumi";
import { NsgFlowLogMigration, type NsgFlowLogMigrationArgs } from "../../components";
import type { EmulatorOptions, FlowLogSnapshot, RunningEmulator } from "../../emulator";
import { CoverageTimeline, type NicLogging } from "./coverage-timeline";
import { providerEnv, startEmulatedAzure } from "./emulated-azure";
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

/** A fresh emulator per test, its flow-log changes replayed NIC by NIC, and the stacks a test makes. */
export interface SeedPerTest {
  emulator: RunningEmulator;
  probe: AzureProbe;
  timeline: CoverageTimeline;
  stack(program: () => Promise<unknown>): Promise<TestStack>;
}

/** Registers the hooks; call inside `describe`. The fields are set in each test. */
export function seedPerTest(options: EmulatorOptions = {}): SeedPerTest {
  const stacks: TestStack[] = [];
  const world = {
    async stack(program: () => Promise<unknown>) {
      const created = await TestStack.create({
        program: program as pulumi.automation.PulumiFn,
        env: providerEnv(world.emulator),
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
