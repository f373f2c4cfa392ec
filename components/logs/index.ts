// Reading flow logs: parse PT1H.json blobs of any version into flows, and summarise them.
export type { Flow } from "./flows";
export { formatSummary, type SummaryFormat } from "./format";
export { type BlobSource, fileSource, summarize } from "./read";
export type { ParseProblem } from "./record-stream";
export { renderReport } from "./report";
export type { FlowSummary, HourCount, PortCount, RuleCount, Talker } from "./summary";
