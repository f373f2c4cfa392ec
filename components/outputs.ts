// The shapes of a FlowLog's outputs: its settings as Azure applies them, every default filled in.
// Public names for what the provider records (provider/inputs.ts), which users never need to import.
import type { FormatInputs, RetentionPolicyInputs, TrafficAnalyticsInputs } from "./provider/inputs";

/** How long Azure keeps the logs: `days` (0 keeps them forever) when `enabled`. */
export type RetentionPolicy = RetentionPolicyInputs;
/** The log format Azure writes: JSON, version 1 or 2. */
export type Format = FormatInputs;
/** Traffic analytics as applied, with the workspace's GUID and region resolved. */
export type TrafficAnalytics = TrafficAnalyticsInputs;
