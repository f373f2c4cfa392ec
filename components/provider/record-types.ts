// Flow states a flow log records, given as a list or, as the Azure CLI takes them, a comma string.

/** `"B,E"` (Azure CLI's `--record-types` form) as `["B", "E"]`; anything else as it came, for the checks. */
export function recordTypeList(value: unknown): unknown {
  return typeof value === "string" ? value.split(",").map((t) => t.trim()) : value;
}
