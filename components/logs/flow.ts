// One flow tuple of any version, as every reader of flow logs hands it on.

export interface Flow {
  /** Epoch milliseconds. */
  time: number;
  /** The tuple's format: 1 and 2 for NSG flow logs, 4 for VNet flow logs. */
  version: 1 | 2 | 4;
  /** NSG flow logs: the NSG; VNet flow logs: the VNet, subnet or NIC logged. */
  target: string;
  /** VNet flow logs: the NSG (resource ID) or admin rule collection (GUID) whose rule matched. */
  aclID?: string;
  mac: string;
  rule: string;
  src: string;
  dst: string;
  srcPort: number;
  dstPort: number;
  protocol: string;
  direction: "inbound" | "outbound";
  decision: "allow" | "deny";
  state?: "begin" | "continue" | "end" | "deny";
  encryption?: string;
  /** Counters since the previous tuple of the connection: src->dst ("sent") and dst->src ("received"). */
  packetsSent?: number;
  bytesSent?: number;
  packetsReceived?: number;
  bytesReceived?: number;
}
