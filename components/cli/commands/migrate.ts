// `flowlogs migrate plan`: reads a region's NSG flow logs, NSG attachments and VNet, subnet and NIC
// flow logs through ARM and prints how to move off NSG flow logs, as a table, JSON or Pulumi code.
import { parseArgs } from "node:util";
import { oneOf, signIn } from "./common";

const FORMATS = ["table", "json", "pulumi"] as const;

export async function run(argv: string[]): Promise<number> {
  const [action, ...rest] = argv;
  if (action !== "plan")
    throw new Error(`migrate: got "${action ?? ""}"; expected plan (flowlogs migrate plan --region R)`);
  const { values } = parseArgs({
    args: rest,
    options: {
      subscription: { type: "string" },
      region: { type: "string" },
      scope: { type: "string", default: "auto" },
      format: { type: "string", default: "table" },
    },
  });
  const { formatPulumi, formatTable, MIGRATION_SCOPES, planMigration } = await import("../../migration");
  const scope = oneOf("scope", values.scope, MIGRATION_SCOPES);
  const format = oneOf("format", values.format, FORMATS);
  if (!values.region) throw new Error("migrate plan: --region is required, e.g. --region westeurope");
  const { readNetworkTopology } = await import("../../azure/topology");
  const { settings, service } = await signIn();
  const subscriptionId = values.subscription ?? settings.subscriptionId;
  if (!subscriptionId)
    throw new Error(
      "migrate plan: --subscription is required (or set ARM_SUBSCRIPTION_ID / AZURE_SUBSCRIPTION_ID)",
    );
  const plan = planMigration(await readNetworkTopology(service, subscriptionId, values.region), scope);
  const text =
    format === "json"
      ? `${JSON.stringify(plan, null, 2)}\n`
      : format === "pulumi"
        ? formatPulumi(plan)
        : formatTable(plan);
  process.stdout.write(text);
  return 0;
}
