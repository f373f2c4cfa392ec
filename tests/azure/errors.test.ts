import * as assert from "node:assert/strict";
import { ChainedTokenCredential, EnvironmentCredential } from "@azure/identity";
import {
  AzureRequestError,
  createCredential,
  describeAzureError,
  isAzureRequestError,
  isSignInFailure,
  redact,
  resolveCloud,
} from "../../components/azure";

const JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzb21lb25lIn0.c2lnbmF0dXJlLWJ5dGVz";

describe("describeAzureError", () => {
  it("says what failed, with Azure's code, status and request id, and a hint", () => {
    const e = new AzureRequestError(
      "On September 30, 2027, NSG flow logs will be retired.",
      "NsgFlowLogCreationBlocked",
      "Configuring flow logs of /x",
      400,
      "req-1",
    );
    assert.equal(
      describeAzureError(e),
      "Configuring flow logs of /x failed (NsgFlowLogCreationBlocked, HTTP 400, request id req-1): On September 30, 2027, NSG flow logs will be retired. Azure creates no new NSG flow logs since 30 June 2025; log the NSG's virtual network, a subnet or a network interface instead (targetResourceId).",
    );
  });

  it("has a hint for every known code", () => {
    for (const code of [
      "AuthorizationFailed",
      "InvalidStorageAccountRegion",
      "MicrosoftInsightsNotRegistered",
      "InvalidTAWorkspaceRegion",
      "AnotherOperationInProgress",
      "TooManyRequests",
      "ResourceNotFound",
      "ExpiredAuthenticationToken",
      "OperationTimedOut",
    ]) {
      const text = describeAzureError(new AzureRequestError("m", code, "op", 400));
      assert.match(text, /\): m \S/, `no hint for ${code}: ${text}`);
    }
  });

  it("never repeats a token or secret, whatever the message held", () => {
    const e = new AzureRequestError(
      `bad header Authorization: Bearer ${JWT} with client_secret=hunter2-secret-value&x=1`,
      "AuthenticationFailed",
      "op",
      401,
    );
    const text = describeAzureError(e);
    assert.doesNotMatch(text, /eyJ|hunter2/);
    assert.match(text, /Bearer <redacted>/);
    assert.equal(redact(`token ${JWT} end`), "token <redacted token> end");
  });

  it("wraps SDK and identity errors, classified by name", () => {
    const sdk = Object.assign(new Error("The Resource was not found"), {
      name: "RestError",
      code: "ResourceNotFound",
      statusCode: 404,
    });
    assert.match(
      describeAzureError(sdk),
      /^The Azure request failed \(ResourceNotFound, HTTP 404\): The Resource was not found Check the ID/,
    );
    const identity = Object.assign(new Error("ClientSecretCredential authentication failed"), {
      name: "AuthenticationError",
    });
    assert.match(describeAzureError(identity), /^Signing in to Azure failed: check ARM_CLIENT_SECRET/);
    assert.ok(isAzureRequestError({ name: "AzureRequestError" }));
  });
});

describe("sign-in failures", () => {
  /** What @azure/identity itself throws when getting a token fails. */
  async function tokenError(credential: { getToken(scope: string): Promise<unknown> }): Promise<unknown> {
    return credential.getToken("https://management.azure.com/.default").then(
      () => assert.fail("a token was issued"),
      (e: unknown) => e,
    );
  }

  it("a chain where nothing is set up leads with what to set, in one line, without the chain's messages", async () => {
    const saved = { ...process.env };
    for (const name of Object.keys(process.env)) if (/^(AZURE|ARM)_/.test(name)) delete process.env[name];
    try {
      const e = await tokenError(new ChainedTokenCredential(new EnvironmentCredential()));
      assert.ok(isSignInFailure(e));
      const text = describeAzureError(e);
      assert.equal(text.split("\n").length, 1, text);
      assert.match(
        text,
        /^Signing in to Azure failed: set ARM_CLIENT_ID, ARM_TENANT_ID and ARM_CLIENT_SECRET/,
      );
      assert.match(text, /azure-native:clientSecret.*ARM_USE_OIDC=true.*ARM_USE_MSI=true.*az login/);
      assert.match(text, /\(no credential is set up: none of the environment/);
      assert.doesNotMatch(text, /EnvironmentCredential is unavailable|aka\.ms/);
    } finally {
      Object.assign(process.env, saved);
    }
  });

  it("a rejected client secret names the settings to check, then Entra ID's reason without its trace IDs", () => {
    const rejected = Object.assign(
      new Error(
        "ClientSecretCredential authentication failed: AADSTS7000215: Invalid client secret provided. " +
          "Trace ID: 0e1f Correlation ID: 77aa Timestamp: 2026-12-07 10:00:00Z\nMore details: https://login.example/help",
      ),
      { name: "AuthenticationError" },
    );
    assert.equal(
      describeAzureError(rejected),
      "Signing in to Azure failed: check ARM_CLIENT_SECRET (or azure-native:clientSecret) and that ARM_CLIENT_ID " +
        "and ARM_TENANT_ID name the app registration it belongs to. (ClientSecretCredential: " +
        "AADSTS7000215: Invalid client secret provided.)",
    );
  });

  it("a way to sign in that lacks a setting says which, where to set it, and nothing else", async () => {
    const cloud = await resolveCloud({});
    const error = (() => {
      try {
        createCredential({ clientSecret: "s3cret-value", clientId: "app" }, cloud);
      } catch (e) {
        return e;
      }
      return assert.fail("a credential was made");
    })();
    assert.ok(isSignInFailure(error));
    assert.equal(
      describeAzureError(error),
      "Signing in to Azure with a client secret needs more: set ARM_TENANT_ID (or azure-native:tenantId).",
    );
  });

  it("an answer of Azure is not a sign-in failure", () => {
    assert.ok(!isSignInFailure(new AzureRequestError("expired", "ExpiredAuthenticationToken", "op", 401)));
  });
});
