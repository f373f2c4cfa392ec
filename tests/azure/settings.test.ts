import * as assert from "node:assert/strict";
import { resolveAzureSettings, resolveCloud } from "../../components/azure";

describe("resolveAzureSettings", () => {
  it("prefers stack config over ARM_* over AZURE_*", () => {
    const config: Record<string, string> = { clientId: "from-config" };
    const env = {
      ARM_CLIENT_ID: "from-arm",
      ARM_TENANT_ID: "tenant-arm",
      AZURE_TENANT_ID: "tenant-azure",
      AZURE_SUBSCRIPTION_ID: "sub",
    };
    assert.deepEqual(
      resolveAzureSettings((k) => config[k], env),
      {
        clientId: "from-config",
        tenantId: "tenant-arm",
        subscriptionId: "sub",
      },
    );
  });

  it("reads OIDC and MSI switches as booleans and the federated token file", () => {
    const env = { ARM_USE_OIDC: "true", ARM_USE_MSI: "false", AZURE_FEDERATED_TOKEN_FILE: "/var/run/token" };
    assert.deepEqual(
      resolveAzureSettings(() => undefined, env),
      {
        useOidc: true,
        useMsi: false,
        oidcTokenFilePath: "/var/run/token",
      },
    );
  });

  it("takes GitHub's OIDC request variables", () => {
    const env = {
      ACTIONS_ID_TOKEN_REQUEST_URL: "https://ci.example/token",
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: "t",
    };
    const settings = resolveAzureSettings(() => undefined, env);
    assert.equal(settings.oidcRequestUrl, "https://ci.example/token");
    assert.equal(settings.oidcRequestToken, "t");
  });
});

describe("resolveCloud", () => {
  it("knows Azure's clouds by their usual names", async () => {
    assert.equal((await resolveCloud({})).resourceManager, "https://management.azure.com");
    assert.equal(
      (await resolveCloud({ environment: "usgovernment" })).authorityHost,
      "https://login.microsoftonline.us",
    );
    assert.equal(
      (await resolveCloud({ environment: "AzureChinaCloud" })).resourceManager,
      "https://management.chinacloudapi.cn",
    );
  });

  it("rejects an unknown cloud name, listing the accepted ones", async () => {
    await assert.rejects(
      resolveCloud({ environment: "mars" }),
      /environment: got "mars"; expected one of "public", "usgovernment", "china"/,
    );
  });

  it("names the metadata host it could not read", async () => {
    // Port 1 on loopback: nothing listens, so the connection is refused at once.
    await assert.rejects(
      resolveCloud({ metadataHost: "127.0.0.1:1" }),
      /^Error: Could not read the cloud's endpoints from metadata host 127\.0\.0\.1:1 \(https:\/\/127\.0\.0\.1:1\/metadata\/endpoints\?api-version=2022-09-01\): /,
    );
  });
});
