// One event per tuple, in the shapes SIEMs take: our own flat event (JSON Lines and CSV), ECS (Elastic
// Common Schema 8.11) and OCSF Network Activity (class 4001, schema 1.1). docs/exports.md lists every
// field and where it comes from.
import type { Flow } from "./flow";

export type ExportFormat = "jsonl" | "csv" | "ocsf" | "ecs";
export const EXPORT_FORMATS: readonly ExportFormat[] = ["jsonl", "csv", "ocsf", "ecs"];

/** The flat event: the tuple's fields with ISO time, in the order of the CSV columns. */
export const FLAT_FIELDS = [
  "time",
  "version",
  "target",
  "aclID",
  "mac",
  "rule",
  "src",
  "srcPort",
  "dst",
  "dstPort",
  "protocol",
  "direction",
  "decision",
  "state",
  "encryption",
  "packetsSent",
  "bytesSent",
  "packetsReceived",
  "bytesReceived",
] as const;

type FlatEvent = Record<(typeof FLAT_FIELDS)[number], string | number | undefined>;

export function flatEvent(flow: Flow): FlatEvent {
  return { ...flow, time: new Date(flow.time).toISOString() } as FlatEvent;
}

const IANA_NUMBERS: Record<string, number> = { ICMP: 1, TCP: 6, UDP: 17, ICMPv6: 58 };

function ianaNumber(protocol: string): number {
  return IANA_NUMBERS[protocol] ?? Number(protocol.replace(/^IP/, ""));
}

/** "000D3AF87856" -> "00-0D-3A-F8-78-56", as ECS and OCSF write MAC addresses. */
function macAddress(mac: string): string | undefined {
  const hex = mac.replace(/[^0-9a-fA-F]/g, "").toUpperCase();
  return hex.length === 12 ? (hex.match(/../g) ?? []).join("-") : undefined;
}

/** The parts of an ARM resource ID that ECS's azure.resource fields hold. */
function azureResource(id: string) {
  const m = /^\/subscriptions\/([^/]+)\/resourcegroups\/([^/]+)\/providers\/([^/]+\/[^/]+)\/([^/]+)/i.exec(
    id,
  );
  return m ? { subscription: m[1], group: m[2], provider: m[3], name: m[4] } : undefined;
}

const counted = (flow: Flow) => flow.bytesSent !== undefined;
const sum = (a?: number, b?: number) => (a === undefined ? undefined : a + (b ?? 0));

function ecsTypes(flow: Flow): string[] {
  if (flow.decision === "deny") return ["connection", "denied"];
  if (flow.state === "begin") return ["connection", "allowed", "start"];
  if (flow.state === "end") return ["connection", "allowed", "end"];
  return ["connection", "allowed"];
}

export function ecsEvent(flow: Flow): Record<string, unknown> {
  const mac = macAddress(flow.mac);
  const inbound = flow.direction === "inbound";
  const resource = azureResource(flow.target);
  return {
    "@timestamp": new Date(flow.time).toISOString(),
    ecs: { version: "8.11.0" },
    event: {
      kind: "event",
      category: ["network"],
      type: ecsTypes(flow),
      action: flow.state ? `flow-${flow.state}` : "flow",
      outcome: flow.decision === "deny" ? "failure" : "success",
    },
    source: {
      ip: flow.src,
      address: flow.src,
      port: flow.srcPort,
      ...(counted(flow) ? { bytes: flow.bytesSent, packets: flow.packetsSent } : {}),
      ...(mac && !inbound ? { mac } : {}),
    },
    destination: {
      ip: flow.dst,
      address: flow.dst,
      port: flow.dstPort,
      ...(counted(flow) ? { bytes: flow.bytesReceived, packets: flow.packetsReceived } : {}),
      ...(mac && inbound ? { mac } : {}),
    },
    network: {
      direction: flow.direction,
      transport: flow.protocol.toLowerCase(),
      iana_number: String(ianaNumber(flow.protocol)),
      ...(counted(flow)
        ? {
            bytes: sum(flow.bytesSent, flow.bytesReceived),
            packets: sum(flow.packetsSent, flow.packetsReceived),
          }
        : {}),
    },
    rule: { name: flow.rule, ...(flow.aclID ? { ruleset: flow.aclID } : {}) },
    related: { ip: [...new Set([flow.src, flow.dst])] },
    cloud: { provider: "azure" },
    azure: {
      ...(resource
        ? {
            subscription_id: resource.subscription,
            resource: {
              id: flow.target,
              group: resource.group,
              name: resource.name,
              provider: resource.provider,
            },
          }
        : { resource: { id: flow.target } }),
      flow_log: {
        version: flow.version,
        decision: flow.decision,
        ...(flow.state ? { state: flow.state } : {}),
        ...(flow.encryption ? { encryption: flow.encryption } : {}),
        ...(flow.aclID ? { acl_id: flow.aclID } : {}),
      },
    },
  };
}

/** OCSF Network Activity activity: a begin opens, an end closes, a denial refuses; the rest is traffic. */
function ocsfActivity(flow: Flow): [number, string] {
  if (flow.decision === "deny") return [5, "Refuse"];
  if (flow.state === "begin") return [1, "Open"];
  if (flow.state === "end") return [2, "Close"];
  return [6, "Traffic"];
}

export function ocsfEvent(flow: Flow): Record<string, unknown> {
  const [activityId, activity] = ocsfActivity(flow);
  const allowed = flow.decision === "allow";
  const mac = macAddress(flow.mac);
  const inbound = flow.direction === "inbound";
  return {
    class_uid: 4001,
    class_name: "Network Activity",
    category_uid: 4,
    category_name: "Network Activity",
    activity_id: activityId,
    activity_name: activity,
    type_uid: 400100 + activityId,
    type_name: `Network Activity: ${activity}`,
    severity_id: 1,
    severity: "Informational",
    time: flow.time,
    action_id: allowed ? 1 : 2,
    action: allowed ? "Allowed" : "Denied",
    disposition_id: allowed ? 1 : 2,
    disposition: allowed ? "Allowed" : "Blocked",
    status_id: allowed ? 1 : 2,
    status: allowed ? "Success" : "Failure",
    src_endpoint: { ip: flow.src, port: flow.srcPort, ...(mac && !inbound ? { mac } : {}) },
    dst_endpoint: { ip: flow.dst, port: flow.dstPort, ...(mac && inbound ? { mac } : {}) },
    connection_info: {
      protocol_num: ianaNumber(flow.protocol),
      protocol_name: flow.protocol.toLowerCase(),
      direction_id: inbound ? 1 : 2,
      direction: inbound ? "Inbound" : "Outbound",
    },
    ...(counted(flow)
      ? {
          traffic: {
            bytes_out: flow.bytesSent,
            packets_out: flow.packetsSent,
            bytes_in: flow.bytesReceived,
            packets_in: flow.packetsReceived,
            bytes: sum(flow.bytesSent, flow.bytesReceived),
            packets: sum(flow.packetsSent, flow.packetsReceived),
          },
        }
      : {}),
    firewall_rule: { name: flow.rule, ...(flow.aclID ? { uid: flow.aclID } : {}) },
    cloud: { provider: "Azure" },
    metadata: {
      version: "1.1.0",
      product: { name: "Azure Network Watcher flow logs", vendor_name: "Microsoft" },
      log_version: String(flow.version),
    },
    unmapped: {
      target: flow.target,
      ...(flow.state ? { state: flow.state } : {}),
      ...(flow.encryption ? { encryption: flow.encryption } : {}),
    },
  };
}
