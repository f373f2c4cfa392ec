// The string enums of the FlowLog's arguments, as objects whose values are the strings themselves: a
// TypeScript program may write `OnDestroy.Disable` or "disable" alike, and the plugin's schema (and so
// every other language's SDK) lists the same names and values.

/** What destroy (and a replacement) does to a flow log. */
export const OnDestroy = { Disable: "disable", Delete: "delete" } as const;
export type OnDestroy = (typeof OnDestroy)[keyof typeof OnDestroy];

/** A flow state Azure logs: begin, continuing, end, denied. */
export const FlowRecordType = { Begin: "B", Continuing: "C", End: "E", Denied: "D" } as const;
export type FlowRecordType = (typeof FlowRecordType)[keyof typeof FlowRecordType];

/** The log format's type: Azure writes JSON only. */
export const FormatType = { JSON: "JSON" } as const;
export type FormatType = (typeof FormatType)[keyof typeof FormatType];
