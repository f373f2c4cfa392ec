// ARM's lists page (`x-ms-pageable`, `nextLinkName: nextLink`): with a page size set, the emulator hands
// out an absolute nextLink carrying the api-version and a `$skiptoken`, which the official SDK follows.
import * as assert from "node:assert/strict";
import type { RunningEmulator } from "../../emulator";
import { startEmulatedAzure } from "../support/emulated-azure";
import * as ids from "../support/seed-ids";
import { API, arm, networkClient, WATCHER } from "./raw-arm";

const RG_NETWORK = "/subscriptions/11111111-1111-4111-8111-111111111111/resourceGroups/rg-network";

describe("emulator: paged lists", () => {
  let emu: RunningEmulator;
  before(async () => {
    emu = await startEmulatedAzure({ listPageSize: 1 });
  });
  after(() => emu.stop());

  it("gives every page but the last an absolute nextLink with the api-version and a $skiptoken", async () => {
    const first = await arm(
      emu,
      "GET",
      `${RG_NETWORK}/providers/Microsoft.Network/networkSecurityGroups?${API}`,
    );
    assert.equal(first.status, 200);
    assert.equal(first.body.value.length, 1);
    const next = new URL(first.body.nextLink);
    assert.equal(next.origin, new URL(emu.armUrl).origin);
    assert.equal(next.searchParams.get("api-version"), "2025-05-01");
    assert.equal(next.searchParams.get("$skiptoken"), "1");
  });

  it("serves the SDK every item through the nextLinks: flow logs, virtual networks, NICs", async () => {
    const client = networkClient(emu);
    const all = async <T extends { id?: string }>(items: AsyncIterable<T>) => {
      const ids: string[] = [];
      for await (const item of items) ids.push(item.id!);
      return ids;
    };
    const flowLogs = await all(client.flowLogs.list(WATCHER.rg, WATCHER.name));
    assert.deepEqual(
      flowLogs.map((id) => id.split("/").pop()),
      (await emu.admin.flowLogs())
        .filter((f) => f.id.toLowerCase().startsWith(ids.WATCHER_WEU.toLowerCase()))
        .map((f) => f.name),
    );
    assert.equal(flowLogs.length, 2);
    assert.deepEqual(await all(client.virtualNetworks.list("rg-network")), [ids.VNET_WEB, ids.VNET_API]);
    assert.equal((await all(client.networkInterfaces.list("rg-network"))).length, 3);
  });

  it("refuses a $skiptoken it did not hand out", async () => {
    const bad = await arm(
      emu,
      "GET",
      `${RG_NETWORK}/providers/Microsoft.Network/virtualNetworks?${API}&$skiptoken=banana`,
    );
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.code, "InvalidSkipToken");
  });
});
