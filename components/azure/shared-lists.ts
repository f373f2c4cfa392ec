// Lists that stand in for refresh's per-resource reads: a refresh reads every flow log of a stack at once,
// and two GETs each (the flow log, and its target, since Azure keeps a flow log whose target was deleted)
// make 2N calls where the watcher's flowLogs list and the target's resource-group list make a few pages.
// The first read in a process loads a list; concurrent and later reads share it for a short window.
// Lists only ever confirm: what they do not show is read by ID as before, so nothing leaves state on a
// list's word. Any write by this process drops them all (see ArmSession's pipeline).
import { normalizeFlowLog, type WireFlowLog } from "./normalize";
import { parseResourceId, sameResourceId } from "./resource-id";
import type { FlowLogState, NetworkWatcherRef } from "./types";

/** Longer than a refresh of thousands of flow logs takes to read them, short next to anyone's change. */
const WINDOW_MS = 15_000;

/** The lists that hold each kind of target; a VNet's list carries its subnets. */
const TARGET_LISTS: Record<string, string> = {
  "microsoft.network/virtualnetworks": "virtualNetworks",
  "microsoft.network/virtualnetworks/subnets": "virtualNetworks",
  "microsoft.network/networksecuritygroups": "networkSecurityGroups",
  "microsoft.network/networkinterfaces": "networkInterfaces",
};

/** A flowLogs child, or a target (a VNet with its subnets), `properties` flattened. */
type ListedItem = WireFlowLog & { id?: string; subnets?: { id?: string }[] };

/** Every item of the ARM list at `path` (all pages), `properties` flattened. */
export type ListLoader = (subscriptionId: string, path: string) => Promise<ListedItem[]>;

export class SharedLists {
  private readonly lists = new Map<string, { at: number; items: Promise<Map<string, ListedItem>> }>();

  /** This process wrote to Azure: what was listed before may be out of date. */
  forget(): void {
    this.lists.clear();
  }

  /**
   * The flow log as the watcher's list shows it, when that list shows it on `targetResourceId` and the
   * target's list shows the target; undefined when either does not, or a list failed (read by ID then).
   */
  async flowLog(
    load: ListLoader,
    watcher: NetworkWatcherRef,
    targetResourceId: string,
    flowLogId: string | undefined,
  ): Promise<FlowLogState | undefined> {
    const target = parseResourceId(targetResourceId);
    const collection = target && TARGET_LISTS[target.type];
    if (!flowLogId || !target || !collection) return undefined;
    const targetsPath = `/subscriptions/${target.subscriptionId}/resourceGroups/${target.resourceGroupName}/providers/Microsoft.Network/${collection}`;
    try {
      const [flowLogs, targets] = await Promise.all([
        this.byId(`${watcher.id}/flowLogs`, () => load(watcher.subscriptionId, `${watcher.id}/flowLogs`)),
        this.byId(targetsPath, () => load(target.subscriptionId, targetsPath)),
      ]);
      const listed = flowLogs.get(flowLogId.toLowerCase());
      if (!listed || !sameResourceId(listed.targetResourceId, targetResourceId)) return undefined;
      return targets.has(targetResourceId.toLowerCase()) ? normalizeFlowLog(listed) : undefined;
    } catch {
      return undefined;
    }
  }

  /** The list's items by lower-cased ID (a VNet's subnets too), loaded once per window. */
  private byId(path: string, load: () => Promise<ListedItem[]>): Promise<Map<string, ListedItem>> {
    const key = path.toLowerCase();
    const now = Date.now();
    const cached = this.lists.get(key);
    if (cached && now - cached.at <= WINDOW_MS) return cached.items;
    // A failed list (say, no read access at the resource group) stays failed for the window: the reads
    // fall back to their GETs rather than each asking for the list again.
    const items = load().then(indexed);
    items.catch(() => undefined);
    this.lists.set(key, { at: now, items });
    return items;
  }
}

function indexed(items: ListedItem[]): Map<string, ListedItem> {
  const byId = new Map<string, ListedItem>();
  for (const item of items) {
    if (item.id) byId.set(item.id.toLowerCase(), item);
    for (const subnet of item.subnets ?? []) if (subnet.id) byId.set(subnet.id.toLowerCase(), subnet);
  }
  return byId;
}
