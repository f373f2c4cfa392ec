// The api-versions the emulator accepts, per resource provider namespace, as ARM validates them.
// Microsoft.Network: every stable version since 2016-09-01, when Network Watcher arrived (the seed
// doc's 2016-12-01 and the Azure CLI's hybrid-profile 2018-11-01 among them), newest first.
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
  "2019-12-01",
  "2019-11-01",
  "2019-09-01",
  "2019-08-01",
  "2019-07-01",
  "2019-06-01",
  "2019-04-01",
  "2019-02-01",
  "2018-12-01",
  "2018-11-01",
  "2018-10-01",
  "2018-08-01",
  "2018-07-01",
  "2018-06-01",
  "2018-04-01",
  "2018-02-01",
  "2018-01-01",
  "2017-11-01",
  "2017-10-01",
  "2017-09-01",
  "2017-08-01",
  "2017-06-01",
  "2017-03-01",
  "2016-12-01",
  "2016-09-01",
];

// Microsoft.Resources serves subscriptions, resource groups and resource providers; the Azure CLI's
// hybrid profile reads them at 2016-06-01 (subscriptions) and 2019-10-01 (providers).
const RESOURCES = [
  "2024-11-01",
  "2024-07-01",
  "2024-03-01",
  "2023-07-01",
  "2022-12-01",
  "2022-09-01",
  "2021-04-01",
  "2021-01-01",
  "2020-10-01",
  "2020-06-01",
  "2020-01-01",
  "2019-11-01",
  "2019-10-01",
  "2019-08-01",
  "2019-07-01",
  "2019-06-01",
  "2019-05-10",
  "2019-05-01",
  "2019-03-01",
  "2018-09-01",
  "2018-05-01",
  "2018-02-01",
  "2017-05-10",
  "2016-09-01",
  "2016-07-01",
  "2016-06-01",
  "2016-02-01",
  "2015-11-01",
  "2015-01-01",
];

// Microsoft.Compute serves scale-set NICs; the Network SDK reads them at 2018-10-01 (older ones kept).
const COMPUTE = [
  "2024-11-01",
  "2024-07-01",
  "2024-03-01",
  "2023-09-01",
  "2023-03-01",
  "2022-11-01",
  "2022-08-01",
  "2021-11-01",
  "2021-07-01",
  "2021-03-01",
  "2020-12-01",
  "2020-06-01",
  "2019-12-01",
  "2019-07-01",
  "2019-03-01",
  "2018-10-01",
  "2018-06-01",
  "2018-04-01",
  "2017-12-01",
  "2017-03-30",
];

const BY_NAMESPACE: Record<string, string[]> = {
  "microsoft.network": NETWORK,
  "microsoft.storage": ["2025-01-01", "2024-01-01", "2023-05-01", "2023-01-01", "2022-09-01"],
  "microsoft.operationalinsights": ["2025-02-01", "2023-09-01", "2022-10-01", "2021-06-01", "2020-08-01"],
  "microsoft.resources": RESOURCES,
  "microsoft.compute": COMPUTE,
};

/** `/subscriptions/{s}/providers/{ns}[/register]` is Microsoft.Resources' own, whatever `{ns}` names. */
const PROVIDER_REGISTRATION = /^\/subscriptions\/[^/]+\/providers\/[^/]+(\/register)?$/i;

/** The namespace a path belongs to: its last `/providers/<ns>` segment, else Microsoft.Resources. */
export function namespaceOf(path: string): string {
  if (PROVIDER_REGISTRATION.test(path)) return "microsoft.resources";
  const matches = [...path.matchAll(/\/providers\/([^/]+)/gi)];
  return (matches.at(-1)?.[1] ?? "Microsoft.Resources").toLowerCase();
}

/** A namespace's api-versions, newest first (Microsoft.Resources' for namespaces not modelled here). */
export function apiVersionsOf(namespace: string): string[] {
  return BY_NAMESPACE[namespace.toLowerCase()] ?? RESOURCES;
}

export function supportedApiVersions(path: string): string[] {
  return apiVersionsOf(namespaceOf(path));
}
