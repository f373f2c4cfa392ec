// Reading flow logs: download the PT1H.json blobs, parse any version into flows, summarise, report, export.
export { type DownloadRequest, type DownloadResult, downloadFlowLogs } from "./download";
export { type ExportFormat, ecsEvent, flatEvent, ocsfEvent } from "./events";
export type { Flow } from "./flow";
export { formatSummary, type SummaryFormat } from "./format";
export { type BlobSource, fileSource, readFlows, summarize, type TimeRange } from "./read";
export type { ReadTotals } from "./read-totals";
export type { ParseProblem } from "./record-stream";
export { renderReport } from "./report";
export { type RuleAudit, RuleAuditBuilder } from "./rule-audit";
export type {
  Conversation,
  FlowSummary,
  PortCount,
  RuleCount,
  Split,
  Talker,
  Tally,
  Traffic,
} from "./summary";
export type { TimeBin, Timeline } from "./timeline";
