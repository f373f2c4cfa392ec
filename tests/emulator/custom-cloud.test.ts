// What a custom-cloud client such as the Azure CLI needs before its first flow-log call: endpoint
// discovery, AD FS sign-in, the subscription list, and resource providers with their api-versions.
import * as assert from "node:assert/strict";
import type { RunningEmulator } from "../../emulator";
import { startEmulatedAzure } from "../support/emulated-azure";
import * as ids from "../support/seed-ids";
import { arm } from "./raw-arm";

async function getJson(url: string) {
  const response = await fetch(url);
  return { status: response.status, body: JSON.parse(await response.text()) };
}

describe("emulator: a custom cloud for the Azure CLI", () => {
  let emu: RunningEmulator;
  before(async () => {
    emu = await startEmulatedAzure();
  });
  after(() => emu.stop());

  it("describes its endpoints, graphEndpoint included, also at the `//metadata` a trailing slash makes", async () => {
    const metadata = await getJson(`${emu.armUrl}/metadata/endpoints?api-version=2015-01-01`);
    assert.equal(metadata.status, 200);
    assert.ok(metadata.body.graphEndpoint, "no graphEndpoint");
    assert.deepEqual(metadata.body.authentication.audiences, [emu.audience]);
    const doubled = await getJson(`${emu.armUrl}//metadata/endpoints?api-version=2015-01-01`);
    assert.deepEqual(doubled, metadata);
  });

  it("signs a service principal in through AD FS, and lists the subscriptions of its tenant", async () => {
    const discovery = await getJson(`${emu.armUrl}/adfs/.well-known/openid-configuration`);
    assert.equal(discovery.status, 200);
    const form = new URLSearchParams({
      grant_type: "client_credentials",
      client_id: emu.credentials.clientId,
      client_secret: emu.credentials.clientSecret,
      scope: `${emu.audience}/.default`,
    });
    const issued = await fetch(discovery.body.token_endpoint, { method: "POST", body: form });
    assert.equal(issued.status, 200);
    const { access_token: bearer } = (await issued.json()) as { access_token: string };
    const subscriptions = await arm(emu, "GET", "/subscriptions?api-version=2016-06-01", undefined, {
      bearer,
    });
    assert.equal(subscriptions.status, 200);
    assert.deepEqual(
      subscriptions.body.value.map((s: { subscriptionId: string; tenantId: string }) => [
        s.subscriptionId,
        s.tenantId,
      ]),
      [
        [ids.SUBSCRIPTION, emu.credentials.tenantId],
        [ids.SANDBOX_SUBSCRIPTION, emu.credentials.tenantId],
      ],
    );
    const wrong = new URLSearchParams({ ...Object.fromEntries(form), client_secret: "not-the-secret" });
    assert.equal((await fetch(discovery.body.token_endpoint, { method: "POST", body: wrong })).status, 401);
  });

  it("serves a resource provider at Microsoft.Resources' api-versions, with its resource types", async () => {
    const path = `/subscriptions/${ids.SUBSCRIPTION}/providers/Microsoft.Network`;
    const provider = await arm(emu, "GET", `${path}?api-version=2019-10-01`);
    assert.equal(provider.status, 200);
    const nsgs = provider.body.resourceTypes.find(
      (t: { resourceType: string }) => t.resourceType === "networkSecurityGroups",
    );
    assert.ok(nsgs, "no networkSecurityGroups resource type");
    assert.equal(nsgs.apiVersions[0], "2026-03-01", "newest first");
    assert.ok(nsgs.apiVersions.includes("2016-12-01"));
    const networkOnly = await arm(emu, "GET", `${path}?api-version=2025-05-01`);
    assert.deepEqual(
      [networkOnly.status, networkOnly.body.error.code],
      [400, "InvalidApiVersionParameter"],
      "a provider document is Microsoft.Resources', not Microsoft.Network's",
    );
  });
});
