// A busy hour's blob: the traffic of many NICs (from hourRecords) in few, large records, as a flow log
// of a busy subnet or VNet (or an NSG over many NICs) writes it. Written as a PT1H.json blob up to a
// size; benchmarks and tests use it for days of large blobs whose tuples all have valid times.

import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { hourRecords } from "./records";

type Group = { rule: string; flows?: { flowTuples: string[] }[]; flowTuples?: string[] };
type NsgRecord = { properties: { flows: Group[] } };
type VnetRecord = { flowRecords: { flows: { flowGroups: Group[] }[] } };

/** NICs whose records are merged into one; each adds a few tuples. */
const NICS_PER_RECORD = 400;

/** A /22 subnet's 1024 addresses, reused: NICs come and go (each MAC address has traffic of its own). */
const nicIp = (nic: number) => `10.0.${(nic >> 8) & 3}.${nic & 255}`;
const nicMac = (nic: number) =>
  `00-0D-3A-${[16, 8, 0].map((s) => ((nic >> s) & 255).toString(16).padStart(2, "0").toUpperCase()).join("-")}`;

/** The records of NICs [first, first + count) for one hour, each ten-minute record of all of them merged into one. */
function mergedRecords(kind: "nsg" | "vnet", hourStart: Date, first: number, count: number): object[] {
  const target = `/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/busy/providers/Microsoft.Network/${kind === "nsg" ? "networkSecurityGroups/busy-nsg" : "virtualNetworks/busy-vnet"}`;
  let merged: object[] = [];
  for (let nic = first; nic < first + count; nic++) {
    const records = hourRecords({
      kind,
      version: kind === "nsg" ? 2 : 4,
      hourStart,
      mac: nicMac(nic),
      privateIp: nicIp(nic),
      targetResourceId: target,
      flowLogResourceId: "/busy-flow-log",
    });
    if (nic === first) {
      merged = records;
      continue;
    }
    records.forEach((record, i) => {
      const into = merged[i];
      if (kind === "nsg")
        mergeGroups((into as NsgRecord).properties.flows, (record as NsgRecord).properties.flows);
      else
        mergeGroups(
          (into as VnetRecord).flowRecords.flows[0].flowGroups,
          (record as VnetRecord).flowRecords.flows[0].flowGroups,
        );
    });
  }
  return merged;
}

/**
 * One group per rule with every NIC's tuples (an NSG rule's under its first MAC address): records as
 * dense as a busy NIC's, thousands of tuples to a group.
 */
function mergeGroups(into: Group[], groups: Group[]): void {
  const tuplesOf = (g: Group) => g.flowTuples ?? g.flows?.[0]?.flowTuples ?? [];
  for (const group of groups) {
    const same = into.find((g) => g.rule === group.rule);
    if (same) tuplesOf(same).push(...tuplesOf(group));
    else into.push(group);
  }
}

/** Writes `file`: a {"records":[…]} blob of one hour's busy records, about `bytes` large (never less). */
export async function writeBusyHourBlob(
  file: string,
  kind: "nsg" | "vnet",
  hourStart: Date,
  bytes: number,
): Promise<void> {
  const out = createWriteStream(file);
  let written = 0;
  for (let first = 0; written < bytes; first += NICS_PER_RECORD)
    for (const record of mergedRecords(kind, hourStart, first, NICS_PER_RECORD)) {
      const block = `${written ? "," : '{"records":['}${JSON.stringify(record)}`;
      written += block.length;
      if (!out.write(block)) await once(out, "drain");
    }
  out.end("]}");
  await once(out, "finish");
}
