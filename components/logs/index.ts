// Reading flow logs: download the PT1H.json blobs, parse any version into flows, summarise, report.
export { type DownloadRequest, type DownloadResult, downloadFlowLogs } from "./download";
export type { Flow } from "./flows";
export { formatSummary, type SummaryFormat } from "./format";
export { type BlobSource, fileSource, summarize } from "./read";
export type { ParseProblem } from "./record-stream";
export { renderReport } from "./report";
export type { FlowSummary, HourCount, PortCount, RuleCount, Talker } from "./summary";
