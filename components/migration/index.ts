// Planning the move from NSG flow logs to VNet, subnet and NIC flow logs; knows nothing of Pulumi.
export { formatPulumi } from "./format-pulumi";
export { formatTable } from "./format-table";
export { MIGRATION_SCOPES, planMigration } from "./plan";
export type * from "./plan-types";
