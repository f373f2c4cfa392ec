// The request bodies of the seed doc's REST walkthrough, as its PowerShell here-strings read once the
// variables are expanded: single quotes, unquoted keys, and `enabled` as the string 'true' or 'false'.
import * as ids from "../support/seed-ids";

/** The enable/disable body for configureFlowLog on the NSG with a disabled flow log. */
export function seedDocBody(enabled: string, target = ids.NSG_WITH_DISABLED_LOG): string {
  return `{
    'targetResourceId': '${target}',
    'properties': {
    'storageId': '${ids.STORAGE_WEU}',
    'enabled': '${enabled}',
    'retentionPolicy' : {
            days: 5,
            enabled: true
        }
    }
}`;
}

/** The queryFlowLogStatus body. */
export function seedDocQueryBody(target = ids.NSG_WITH_DISABLED_LOG): string {
  return `{
    'targetResourceId': '${target}'
}`;
}
