// Preview-time checks of the settings the peer tools expose (filter, record types, identity, tags,
// flowLogName, onDestroy). Pure, like validate.ts: each failure names the field, the value and what
// is accepted; values unknown during preview are left for a later check.
import { OWNER_TAG } from "../azure/normalize";
import { targetKind } from "../azure/resource-id";
import { RECORD_TYPES } from "../azure/types";
import { armIdOfType, type Failures, show } from "./failures";
import { FILTER_GRAMMAR, filterProblem } from "./filtering-criteria";
import { type FlowLogInputs, isUnknown, NO_IDENTITY } from "./inputs";

const IDENTITY_TYPE = "microsoft.managedidentity/userassignedidentities";
const MAX_TAGS = 50;
const MAX_TAG_NAME = 512;
const MAX_TAG_VALUE = 256;
const TAG_NAME_FORBIDDEN = /[<>%&\\?/]/;
/** azurerm's rule for the name (validate.NetworkWatcherFlowLogName): 1 to 80 word characters, '.' or '-'. */
const FLOW_LOG_NAME = /^[^\W_]$|^[^\W_][\w.-]{0,78}\w$/;

/** A long value's start, so a message stays readable. */
function shortened(value: unknown): string {
  return typeof value === "string" && value.length > 80 ? `${show(value.slice(0, 60))}…` : show(value);
}

function checkFilter(f: Failures, value: unknown): void {
  if (value === undefined || isUnknown(value)) return;
  const problem = typeof value === "string" ? filterProblem(value) : "it is not a string";
  if (problem)
    f.refuse("enabledFilteringCriteria", `got ${shortened(value)}: ${problem}; expected ${FILTER_GRAMMAR}.`);
}

function checkRecordTypes(f: Failures, value: unknown): void {
  if (value === undefined || isUnknown(value)) return;
  const accepted =
    'a non-empty list of distinct flow states from "B" (begin), "C" (continuing), "E" (end) and "D" (denied), e.g. ["B", "E"], or the same as a comma string, e.g. "B,E"';
  const ok =
    Array.isArray(value) &&
    value.length > 0 &&
    value.every((t) => isUnknown(t) || (RECORD_TYPES as readonly unknown[]).includes(t)) &&
    new Set(value).size === value.length;
  f.expect("recordTypes", value, () => ok, accepted);
}

function checkIdentity(f: Failures, value: unknown): void {
  if (value === undefined || isUnknown(value)) return;
  if (typeof value === "string" && /system/i.test(value)) {
    f.refuse(
      "identity",
      `got ${show(value)}; Azure refuses a system-assigned identity on a flow log (CannotSetResourceIdentity: ` +
        "a flowLogs resource cannot have one). Give the ARM ID of a user-assigned identity, e.g. " +
        "/subscriptions/<subscription-id>/resourceGroups/<group>/providers/Microsoft.ManagedIdentity/userAssignedIdentities/<name>, " +
        `or "${NO_IDENTITY}".`,
    );
    return;
  }
  f.expect(
    "identity",
    value,
    (v) => (typeof v === "string" && v.toLowerCase() === NO_IDENTITY) || armIdOfType([IDENTITY_TYPE])(v),
    `the ARM ID of a user-assigned managed identity (.../Microsoft.ManagedIdentity/userAssignedIdentities/<name>) or "${NO_IDENTITY}"`,
  );
}

function tagProblem(name: string, value: unknown): string | undefined {
  if (name.toLowerCase() === OWNER_TAG.toLowerCase())
    return `the tag name "${name}" is reserved: it records which Pulumi resource manages the flow log, and no tag may replace it`;
  if (name.length < 1 || name.length > MAX_TAG_NAME || TAG_NAME_FORBIDDEN.test(name))
    return `the tag name ${show(name)} is not 1 to ${MAX_TAG_NAME} characters without < > % & \\ ? /`;
  if (isUnknown(value)) return undefined;
  if (typeof value !== "string" || value.length > MAX_TAG_VALUE)
    return `the value of tag "${name}", ${show(value)}, is not a string of at most ${MAX_TAG_VALUE} characters`;
  return undefined;
}

function checkTags(f: Failures, value: unknown): void {
  if (value === undefined || isUnknown(value)) return;
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    f.expect("tags", value, () => false, "an object of tag names to string values");
    return;
  }
  const entries = Object.entries(value);
  const problem =
    entries.length > MAX_TAGS - 1
      ? `${entries.length} tags; Azure allows ${MAX_TAGS} on a resource, one of them the owner tag, so at most ${MAX_TAGS - 1}`
      : entries.map(([name, v]) => tagProblem(name, v)).find((p) => p !== undefined);
  if (problem) f.refuse("tags", `got ${show(value)}: ${problem}.`);
}

function checkFlowLogName(f: Failures, inputs: FlowLogInputs): void {
  const { flowLogName: name, targetResourceId } = inputs;
  if (name === undefined || isUnknown(name)) return;
  if (targetKind(targetResourceId) === "networkSecurityGroup") {
    f.refuse(
      "flowLogName",
      `got ${show(name)}, but the target is a network security group, whose flow log keeps the name it has ` +
        "(Azure creates no new NSG flow logs). Leave flowLogName out for NSG targets.",
    );
    return;
  }
  f.expect(
    "flowLogName",
    name,
    (v) => typeof v === "string" && FLOW_LOG_NAME.test(v),
    "1 to 80 characters: letters, digits, '_', '.' and '-', starting with a letter or digit and ending with a letter, digit or '_'",
  );
}

function checkOnDestroy(f: Failures, inputs: FlowLogInputs): void {
  const { onDestroy, targetResourceId } = inputs;
  if (onDestroy === undefined || isUnknown(onDestroy)) return;
  f.expect("onDestroy", onDestroy, (v) => v === "disable" || v === "delete", '"disable" or "delete"');
  if (onDestroy === "delete" && targetKind(targetResourceId) === "networkSecurityGroup") {
    f.refuse(
      "onDestroy",
      'got "delete", but the target is a network security group. Azure creates no new NSG flow logs ' +
        "(blocked since 30 June 2025), so a deleted one could never come back; destroy disables it instead. " +
        'Use "disable" or leave onDestroy out.',
    );
  }
}

export function validatePeerSettings(f: Failures, inputs: FlowLogInputs): void {
  checkFilter(f, inputs.enabledFilteringCriteria);
  checkRecordTypes(f, inputs.recordTypes);
  checkIdentity(f, inputs.identity);
  checkTags(f, inputs.tags);
  checkFlowLogName(f, inputs);
  checkOnDestroy(f, inputs);
}
