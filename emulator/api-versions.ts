// The api-versions the emulator accepts, per resource provider namespace, as ARM validates them.
const NETWORK = [
  "2026-03-01",
  "2026-01-01",
  "2025-09-01",
  "2025-07-01",
  "2025-05-01",
  "2025-03-01",
  "2025-01-01",
  "2024-10-01",
  "2024-07-01",
  "2024-05-01",
  "2024-03-01",
  "2024-01-01",
  "2023-11-01",
  "2023-09-01",
  "2023-06-01",
  "2023-05-01",
  "2023-04-01",
  "2023-02-01",
  "2022-11-01",
  "2022-09-01",
  "2022-07-01",
  "2022-05-01",
  "2022-01-01",
  "2021-08-01",
  "2021-05-01",
  "2021-03-01",
  "2021-02-01",
  "2020-11-01",
  "2020-08-01",
  "2020-07-01",
  "2020-06-01",
  "2020-05-01",
  "2020-04-01",
  "2020-03-01",
  "2019-11-01",
];

const BY_NAMESPACE: Record<string, string[]> = {
  "microsoft.network": NETWORK,
  "microsoft.storage": ["2025-01-01", "2024-01-01", "2023-05-01", "2023-01-01", "2022-09-01"],
  "microsoft.operationalinsights": ["2025-02-01", "2023-09-01", "2022-10-01", "2021-06-01", "2020-08-01"],
  "microsoft.resources": ["2024-03-01", "2022-12-01", "2022-09-01", "2021-04-01", "2020-01-01"],
};

/** The namespace a path belongs to: its last `/providers/<ns>` segment, else Microsoft.Resources. */
export function namespaceOf(path: string): string {
  const matches = [...path.matchAll(/\/providers\/([^/]+)/gi)];
  return (matches.at(-1)?.[1] ?? "Microsoft.Resources").toLowerCase();
}

export function supportedApiVersions(path: string): string[] {
  return BY_NAMESPACE[namespaceOf(path)] ?? BY_NAMESPACE["microsoft.resources"];
}
