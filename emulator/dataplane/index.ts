// The emulator's data plane: log blobs written into Azurite at Azure's exact paths while a flow log is
// enabled, hour by hour and MAC address by MAC address, in blocks the way Azure appends them.
import { BlobServiceClient, StorageSharedKeyCredential } from "@azure/storage-blob";
import type { RunningEmulator } from "../index";
import { type Azurite, startAzurite } from "./azurite";
import { type HourOfLogs, hourRecords } from "./records";

const HOUR_MS = 3_600_000;
const CONTAINERS = {
  nsg: "insights-logs-networksecuritygroupflowevent",
  vnet: "insights-logs-flowlogflowevent",
};

export interface DataPlane {
  azurite: Azurite;
  /** Writes the logs of every enabled flow log for each whole hour in [from, to); returns the blob names. */
  writeHours(from: Date, to: Date): Promise<string[]>;
  stop(): Promise<void>;
}

interface Nic {
  mac: string;
  ip: string;
  id: string;
  nsg?: string;
  subnet?: string;
}

const pad = (n: number) => String(n).padStart(2, "0");

function hourPath(at: Date, mac: string): string {
  return `y=${at.getUTCFullYear()}/m=${pad(at.getUTCMonth() + 1)}/d=${pad(at.getUTCDate())}/h=${pad(at.getUTCHours())}/m=00/macAddress=${mac.replace(/-/g, "").toUpperCase()}/PT1H.json`;
}

/** The NICs whose traffic a target's flow log sees. */
function nicsBehind(target: string, kind: string, nics: Nic[], subnetNsg: Map<string, string>): Nic[] {
  const t = target.toLowerCase();
  return nics.filter((nic) => {
    if (kind === "networkInterface") return nic.id === t;
    if (kind === "subnet") return nic.subnet === t;
    if (kind === "virtualNetwork") return nic.subnet?.startsWith(`${t}/subnets/`) ?? false;
    return nic.nsg === t || (nic.subnet !== undefined && subnetNsg.get(nic.subnet) === t);
  });
}

export async function startDataPlane(emulator: RunningEmulator): Promise<DataPlane> {
  const state = await emulator.admin.state();
  const keys = await emulator.admin.storageKeys();
  const accounts = state.resources.filter((r) => r.type === "Microsoft.Storage/storageAccounts");
  const keyOf = (id: string) => keys[id.toLowerCase()]?.[0]?.value ?? "";
  const azurite = await startAzurite(accounts.map((a) => ({ name: a.name, key: keyOf(a.id) })));
  for (const account of accounts) {
    const primaryEndpoints = {
      ...(account.properties.primaryEndpoints as object),
      blob: `${azurite.origin}/${account.name}/`,
    };
    await emulator.admin.patchResource(account.id, { properties: { primaryEndpoints } });
  }
  const client = (storageId: string) => {
    const account = accounts.find((a) => a.id.toLowerCase() === storageId.toLowerCase());
    if (!account) throw new Error(`no storage account ${storageId} in the emulator`);
    return new BlobServiceClient(
      `${azurite.origin}/${account.name}`,
      new StorageSharedKeyCredential(account.name, keyOf(account.id)),
    );
  };

  async function writeHours(from: Date, to: Date): Promise<string[]> {
    const now = await emulator.admin.state();
    const nics: Nic[] = now.resources
      .filter((r) => r.type === "Microsoft.Network/networkInterfaces")
      .map((r) => {
        const p = r.properties as {
          macAddress: string;
          networkSecurityGroup?: { id: string };
          ipConfigurations?: { properties: { privateIPAddress: string; subnet?: { id: string } } }[];
        };
        const ip = p.ipConfigurations?.[0]?.properties;
        return {
          id: r.id.toLowerCase(),
          mac: p.macAddress,
          ip: ip?.privateIPAddress ?? "10.0.0.4",
          nsg: p.networkSecurityGroup?.id.toLowerCase(),
          subnet: ip?.subnet?.id.toLowerCase(),
        };
      });
    const subnetNsg = new Map(
      now.resources
        .filter(
          (r) => r.type === "Microsoft.Network/virtualNetworks/subnets" && r.properties.networkSecurityGroup,
        )
        .map((r) => [
          r.id.toLowerCase(),
          (r.properties.networkSecurityGroup as { id: string }).id.toLowerCase(),
        ]),
    );
    const written: string[] = [];
    for (const flowLog of (await emulator.admin.flowLogs()).filter((f) => f.enabled)) {
      const kind = flowLog.targetKind === "networkSecurityGroup" ? "nsg" : "vnet";
      const container = client(flowLog.storageId).getContainerClient(CONTAINERS[kind]);
      await container.createIfNotExists();
      const prefix =
        kind === "nsg"
          ? `resourceId=${flowLog.targetResourceId.toUpperCase()}/`
          : `flowLogResourceID=${flowLog.id.toUpperCase()}/`;
      for (let at = Math.floor(from.getTime() / HOUR_MS) * HOUR_MS; at < to.getTime(); at += HOUR_MS) {
        for (const nic of nicsBehind(flowLog.targetResourceId, flowLog.targetKind, nics, subnetNsg)) {
          const hour: HourOfLogs = {
            kind,
            version: flowLog.format.version,
            hourStart: new Date(at),
            mac: nic.mac,
            privateIp: nic.ip,
            targetResourceId: flowLog.targetResourceId,
            flowLogResourceId: flowLog.id,
          };
          const name = prefix + hourPath(new Date(at), nic.mac);
          await appendTheAzureWay(container.getBlockBlobClient(name), hourRecords(hour));
          written.push(name);
        }
      }
      await applyRetention(container, prefix, flowLog.retentionPolicy, to);
    }
    return written;
  }

  return { azurite, writeHours, stop: () => azurite.stop() };
}

/** `{"records":[` with the first record, `,` before each later one, `]}` when the hour closes: one block each. */
async function appendTheAzureWay(
  blob: ReturnType<ReturnType<BlobServiceClient["getContainerClient"]>["getBlockBlobClient"]>,
  records: object[],
) {
  const blocks = [...records.map((r, i) => `${i === 0 ? '{"records":[' : ","}${JSON.stringify(r)}`), "]}"];
  const ids = blocks.map((_, i) => Buffer.from(`block-${String(i).padStart(6, "0")}`).toString("base64"));
  for (const [i, block] of blocks.entries())
    await blob.stageBlock(ids[i], Buffer.from(block), Buffer.byteLength(block));
  await blob.commitBlockList(ids);
}

/** Deletes the hours older than the retention days (0 keeps everything). */
async function applyRetention(
  container: ReturnType<BlobServiceClient["getContainerClient"]>,
  prefix: string,
  retention: { days: number; enabled: boolean },
  now: Date,
) {
  if (!retention.enabled || retention.days <= 0) return;
  const cutoff = now.getTime() - retention.days * 24 * HOUR_MS;
  for await (const blob of container.listBlobsFlat({ prefix })) {
    const m = /y=(\d{4})\/m=(\d{2})\/d=(\d{2})\/h=(\d{2})\//.exec(blob.name);
    if (m && Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4]) < cutoff) await container.deleteBlob(blob.name);
  }
}
