// Preview-time validation of flow-log inputs. Pure: each failure names the field, the value it got
// and what is accepted. Values still unknown during preview are left for a later check.

import { STORAGE_ACCOUNT_TYPE, TARGET_TYPES, WORKSPACE_TYPE } from "../azure/resource-id";
import { armIdOfType, Failures, type ValidationFailure } from "./failures";
import type { FlowLogInputs } from "./inputs";
import { validatePeerSettings } from "./validate-peer-settings";

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EXAMPLE_SUB = "/subscriptions/<subscription-id>/resourceGroups/<group>/providers";

const isBoolean = (v: unknown) => typeof v === "boolean";
const isNonEmptyString = (v: unknown) => typeof v === "string" && v.trim().length > 0;
const oneOf = (allowed: unknown[]) => (v: unknown) => allowed.includes(v);
const integerIn = (min: number, max: number) => (v: unknown) =>
  typeof v === "number" && Number.isInteger(v) && v >= min && v <= max;

export function validateInputs(inputs: FlowLogInputs): ValidationFailure[] {
  const f = new Failures();
  f.expect(
    "targetResourceId",
    inputs.targetResourceId,
    armIdOfType(Object.keys(TARGET_TYPES)),
    `the ARM ID of a network security group, virtual network, subnet or network interface, ` +
      `e.g. ${EXAMPLE_SUB}/Microsoft.Network/virtualNetworks/<name>`,
  );
  f.expect(
    "storageAccountId",
    inputs.storageAccountId,
    armIdOfType([STORAGE_ACCOUNT_TYPE]),
    `the ARM ID of a storage account in the target's region, e.g. ${EXAMPLE_SUB}/Microsoft.Storage/storageAccounts/<name>`,
  );
  f.expect("enabled", inputs.enabled, isBoolean, "true or false");
  // The string "false" from config would otherwise count as true and take a flow log over.
  f.expect("adoptExisting", inputs.adoptExisting, isBoolean, "true or false");
  f.expect("retentionPolicy.enabled", inputs.retentionPolicy.enabled, isBoolean, "true or false");
  f.expect(
    "retentionPolicy.days",
    inputs.retentionPolicy.days,
    integerIn(0, 365),
    "a whole number of days from 0 to 365 (0 keeps the logs forever)",
  );
  f.expect("format.type", inputs.format.type, oneOf(["JSON"]), `"JSON" (the only format Azure writes)`);
  f.expect(
    "format.version",
    inputs.format.version,
    oneOf([1, 2]),
    "1 or 2 (version 2 adds flow state, bytes and packets)",
  );
  f.expect(
    "timeoutMinutes",
    inputs.timeoutMinutes,
    integerIn(1, 1440),
    "a whole number of minutes from 1 to 1440",
  );
  const ta = inputs.trafficAnalytics;
  if (ta) {
    f.expect("trafficAnalytics.enabled", ta.enabled, isBoolean, "true or false");
    f.expect(
      "trafficAnalytics.workspaceResourceId",
      ta.workspaceResourceId,
      armIdOfType([WORKSPACE_TYPE]),
      `the ARM ID of a Log Analytics workspace, e.g. ${EXAMPLE_SUB}/Microsoft.OperationalInsights/workspaces/<name>`,
    );
    f.expect(
      "trafficAnalytics.intervalInMinutes",
      ta.intervalInMinutes,
      oneOf([10, 60]),
      "10 or 60 (the processing intervals Azure offers)",
    );
    if (ta.workspaceId !== undefined) {
      f.expect(
        "trafficAnalytics.workspaceId",
        ta.workspaceId,
        (v) => typeof v === "string" && GUID.test(v),
        "the workspace's GUID (its customerId), or leave it out to look it up",
      );
    }
    if (ta.workspaceRegion !== undefined) {
      f.expect(
        "trafficAnalytics.workspaceRegion",
        ta.workspaceRegion,
        isNonEmptyString,
        'the workspace\'s region, e.g. "westeurope", or leave it out to look it up',
      );
    }
  }
  const watcher = inputs.networkWatcher;
  if (watcher) {
    f.expect(
      "networkWatcher.resourceGroupName",
      watcher.resourceGroupName,
      isNonEmptyString,
      `a resource group name, usually "NetworkWatcherRG"`,
    );
    f.expect(
      "networkWatcher.name",
      watcher.name,
      isNonEmptyString,
      `a Network Watcher name, usually "NetworkWatcher_<region>"`,
    );
  }
  validatePeerSettings(f, inputs);
  return f.list;
}
