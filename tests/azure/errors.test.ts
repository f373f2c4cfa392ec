import * as assert from "node:assert/strict";
import { AzureRequestError, describeAzureError, isAzureRequestError, redact } from "../../components/azure";

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
      "CredentialUnavailableError",
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
    assert.match(describeAzureError(identity), /\(AuthenticationError\).*az login/);
    assert.ok(isAzureRequestError({ name: "AzureRequestError" }));
  });
});
