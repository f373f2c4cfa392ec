// The emulator's data plane: log blobs written into Azurite at Azure's exact paths while a flow log is
// enabled, hour by hour and MAC address by MAC address, as block lists the way Azure commits them.
import { randomBytes } from "node:crypto";
import { BlobServiceClient, type ContainerClient, StorageSharedKeyCredential } from "@azure/storage-blob";
import { emulatorCertificate } from "../certs";
import type { RunningEmulator } from "../index";
import { type Azurite, startAzurite } from "./azurite";
import { writeHourBlob } from "./hour-blob";
import { type HourOfLogs, hourRecords } from "./records";
import { type SecurityRule, securityRules } from "./traffic";

const HOUR_MS = 3_600_000;
const CONTAINERS = {
  nsg: "insights-logs-networksecuritygroupflowevent",
  vnet: "insights-logs-flowlogflowevent",
};

export interface DataPlaneOptions {
  /**
   * Accept Entra ID bearer tokens (default true). False stands in for an identity without a Storage Blob
   * Data role: the blob service answers its tokens 403.
   */
  tokenAuth?: boolean;
}

export interface DataPlane {
  azurite: Azurite;
  /**
   * Brings the logs of every enabled flow log up to `to`, for the hours from `from`'s on: each hour holds
   * the records begun before `to`, and an hour that already had some gets the rest committed before its
   * `]}`, as Azure does every few minutes. Returns the names of the blobs that changed.
   */
  writeHours(from: Date, to: Date): Promise<string[]>;
  /** A container as the blob service itself sees it (signed with the key it holds), to inspect or plant blobs. */
  container(storageId: string, containerName: string): ContainerClient;
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

/**
 * Starts Azurite for the emulator's storage accounts and points their blob endpoints at it. An account
 * with `allowSharedKeyAccess: false` (read now) gets a key that only the data plane knows, so requests
 * signed with its listKeys key are refused, as Azure refuses them.
 */
export async function startDataPlane(
  emulator: RunningEmulator,
  options: DataPlaneOptions = {},
): Promise<DataPlane> {
  const state = await emulator.admin.state();
  const keys = await emulator.admin.storageKeys();
  const accounts = state.resources.filter((r) => r.type === "Microsoft.Storage/storageAccounts");
  const azuriteKeys = new Map(
    accounts.map((a) => [
      a.id.toLowerCase(),
      a.properties.allowSharedKeyAccess === false
        ? randomBytes(64).toString("base64")
        : (keys[a.id.toLowerCase()]?.[0]?.value ?? ""),
    ]),
  );
  const keyOf = (id: string) => azuriteKeys.get(id.toLowerCase()) ?? "";
  const { cert, key } = await emulatorCertificate();
  const azurite = await startAzurite({
    accounts: accounts.map((a) => ({ name: a.name, key: keyOf(a.id) })),
    tls: { cert, key },
    oauth: options.tokenAuth ?? true,
  });
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
      // Scale-set NICs too, whose IDs sit under Microsoft.Compute.
      .filter((r) => r.type.toLowerCase().endsWith("/networkinterfaces"))
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
    const nsgs = new Map(
      now.resources
        .filter((r) => r.type === "Microsoft.Network/networkSecurityGroups")
        .map((r) => [r.id.toLowerCase(), { id: r.id, rules: securityRules(r.properties) }]),
    );
    const nsgOf = (nic: Nic) => nsgs.get(nic.nsg ?? subnetNsg.get(nic.subnet ?? "") ?? "");
    const vnetOf = (nic: Nic) => nic.subnet?.replace(/\/subnets\/[^/]+$/, "");
    const peersOf = (nic: Nic) =>
      nics
        .filter((other) => other.id !== nic.id && other.ip !== nic.ip && vnetOf(other) === vnetOf(nic))
        .map((other) => ({ ip: other.ip, rules: nsgOf(other)?.rules ?? [] }));
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
            ...governedBy(kind === "nsg" ? nsgs.get(flowLog.targetResourceId.toLowerCase()) : nsgOf(nic)),
            peers: peersOf(nic),
          };
          const name = prefix + hourPath(new Date(at), nic.mac);
          if (await writeHourBlob(container.getBlockBlobClient(name), hourRecords(hour, to)))
            written.push(name);
        }
      }
      await applyRetention(container, prefix, flowLog.retentionPolicy, to);
    }
    return written;
  }

  emulator.attachDataPlane({ writeHours });
  return {
    azurite,
    writeHours,
    container: (storageId, containerName) => client(storageId).getContainerClient(containerName),
    stop: () => {
      emulator.attachDataPlane(undefined);
      return azurite.stop();
    },
  };
}

/** The rules and aclID of the NSG that decides a NIC's flows; none: Azure's defaults (the records' own). */
function governedBy(nsg: { id: string; rules: SecurityRule[] } | undefined): Partial<HourOfLogs> {
  if (!nsg) return {};
  return nsg.rules.length ? { rules: nsg.rules, aclID: nsg.id } : { aclID: nsg.id };
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
