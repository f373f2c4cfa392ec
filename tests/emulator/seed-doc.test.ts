// The seed doc's own REST calls (Microsoft's "configure NSG flow logs with the REST API" walkthrough):
// api-version 2016-12-01 and PowerShell here-string bodies, which ARM's lenient JSON reader accepts.
import * as assert from "node:assert/strict";
import type { RunningEmulator } from "../../emulator";
import { startEmulatedAzure } from "../support/emulated-azure";
import * as ids from "../support/seed-ids";
import { arm } from "./raw-arm";
import { seedDocBody } from "./seed-doc-bodies";

const OLD_VERSIONS = ["2016-12-01", "2017-10-01", "2018-11-01", "2019-02-01", "2019-09-01", "2019-12-01"];
const action = (name: string, version = "2016-12-01") => `${ids.WATCHER_WEU}/${name}?api-version=${version}`;

describe("emulator: the seed doc's REST calls", () => {
  let emu: RunningEmulator;
  before(async () => {
    emu = await startEmulatedAzure({ configureFlowLogMode: "sync" });
  });
  after(() => emu.stop());

  const liveLog = async () =>
    (await emu.admin.flowLogs()).find((f) => f.targetResourceId === ids.NSG_WITH_DISABLED_LOG);

  it("accepts Network api-versions back to 2016-12-01", async () => {
    const query = { targetResourceId: ids.NSG_WITH_ENABLED_LOG };
    for (const version of OLD_VERSIONS) {
      const answer = await arm(emu, "POST", action("queryFlowLogStatus", version), query);
      assert.equal(answer.status, 200, `${version}: ${JSON.stringify(answer.body)}`);
    }
  });

  it("reads here-string bodies (single quotes, unquoted keys) and 'true'/'false' strings as booleans", async () => {
    const enable = await arm(emu, "POST", action("configureFlowLog"), undefined, {
      raw: seedDocBody("true"),
    });
    assert.equal(enable.status, 200, JSON.stringify(enable.body));
    assert.deepEqual(
      [enable.body.properties.enabled, enable.body.properties.retentionPolicy],
      [true, { days: 5, enabled: true }],
    );
    assert.equal((await liveLog())?.enabled, true);

    const disable = await arm(emu, "POST", action("configureFlowLog"), undefined, {
      raw: seedDocBody("false"),
    });
    assert.equal(disable.body.properties.enabled, false, 'the doc\'s answer shows "enabled": false');
    assert.equal((await liveLog())?.enabled, false);
  });

  it("refuses what Json.NET would not convert, and a body that does not say it is JSON", async () => {
    const garbled = await arm(emu, "POST", action("configureFlowLog"), undefined, {
      raw: seedDocBody("maybe"),
    });
    assert.deepEqual([garbled.status, garbled.body.error.code], [400, "InvalidRequestContent"]);
    assert.match(garbled.body.error.message, /properties\.enabled/);
    const untyped = await arm(emu, "POST", action("configureFlowLog"), undefined, {
      raw: seedDocBody("true"),
      contentType: "text/plain",
    });
    assert.deepEqual([untyped.status, untyped.body.error.code], [415, "UnsupportedMediaType"]);
    assert.equal((await liveLog())?.enabled, false, "a refused write changed the flow log");
  });
});
