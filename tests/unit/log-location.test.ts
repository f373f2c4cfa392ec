import * as assert from "node:assert/strict";
import { logLocation } from "../../components";

const SUB = "/subscriptions/11111111-1111-4111-8111-111111111111";
const WATCHER = `${SUB}/resourceGroups/NetworkWatcherRG/providers/Microsoft.Network/networkWatchers/NetworkWatcher_westeurope`;

describe("logLocation", () => {
  it("files NSG flow logs under the NSG's ID, in upper case", () => {
    const nsg = `${SUB}/resourceGroups/rg-network/providers/Microsoft.Network/networkSecurityGroups/nsg-web`;
    assert.deepEqual(logLocation(nsg, `${WATCHER}/flowLogs/x`), {
      containerName: "insights-logs-networksecuritygroupflowevent",
      blobPathPrefix:
        "resourceId=/SUBSCRIPTIONS/11111111-1111-4111-8111-111111111111/RESOURCEGROUPS/RG-NETWORK/PROVIDERS/MICROSOFT.NETWORK/NETWORKSECURITYGROUPS/NSG-WEB/",
    });
  });

  it("files VNet, subnet and NIC flow logs under the flow log's ID", () => {
    const vnet = `${SUB}/resourceGroups/rg-network/providers/Microsoft.Network/virtualNetworks/vnet-web`;
    const location = logLocation(vnet, `${WATCHER}/flowLogs/web-log`);
    assert.equal(location.containerName, "insights-logs-flowlogflowevent");
    assert.equal(
      location.blobPathPrefix,
      "flowLogResourceID=/SUBSCRIPTIONS/11111111-1111-4111-8111-111111111111/RESOURCEGROUPS/NETWORKWATCHERRG/PROVIDERS/MICROSOFT.NETWORK/NETWORKWATCHERS/NETWORKWATCHER_WESTEUROPE/FLOWLOGS/WEB-LOG/",
    );
  });
});
