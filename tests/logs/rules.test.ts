// The rule audit and the exports end to end: an NSG with rules in the emulator (read by `flowlogs rules`
// through ARM over HTTPS with the official SDK), its flow-log blobs written into Azurite by the emulator's
// data plane and fetched from there, and the `flowlogs` command run as a child process over them.
import * as assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { BlobServiceClient, StorageSharedKeyCredential } from "@azure/storage-blob";
import type { RunningEmulator } from "../../emulator";
import { type DataPlane, startDataPlane } from "../../emulator/dataplane";
import { JWT_PATTERN, providerEnv, secretsOf, startEmulatedAzure } from "../support/emulated-azure";
import { repoRoot } from "../support/engine";
import { NSG_WITH_ENABLED_LOG, STORAGE_WEU } from "../support/seed-ids";

const run = promisify(execFile);
const flowlogs = path.join(repoRoot, "dist", "cli", "flowlogs.js");
const CONTAINER = "insights-logs-networksecuritygroupflowevent";

const rule = (
  name: string,
  priority: number,
  direction: string,
  access: string,
  port: string,
  addresses = "*",
) => ({
  name,
  properties: {
    priority,
    direction,
    access,
    protocol: "Tcp",
    sourceAddressPrefix: addresses,
    sourcePortRange: "*",
    destinationAddressPrefix: addresses,
    destinationPortRange: port,
  },
});

const SECURITY_RULES = [
  rule("AllowWeb", 100, "Inbound", "Allow", "443"),
  rule("AllowSsh", 110, "Inbound", "Allow", "22"),
];
const DEFAULT_RULES = [
  rule("AllowVnetInBound", 65000, "Inbound", "Allow", "*", "VirtualNetwork"),
  rule("DenyAllInBound", 65500, "Inbound", "Deny", "*"),
  rule("AllowInternetOutBound", 65001, "Outbound", "Allow", "*"),
  rule("DenyAllOutBound", 65500, "Outbound", "Deny", "*"),
];

/** Hits per logged rule name, counted with JSON.parse over the blobs: a count apart from the parser. */
function countByRule(files: string[], fromMs: number, toMs: number) {
  const hits: Record<string, { allowed: number; denied: number }> = {};
  for (const file of files)
    for (const record of JSON.parse(readFileSync(file, "utf8")).records)
      for (const r of record.properties.flows)
        for (const group of r.flows)
          for (const tuple of group.flowTuples as string[]) {
            const f = tuple.split(",");
            if (Number(f[0]) * 1000 < fromMs || Number(f[0]) * 1000 >= toMs) continue;
            hits[r.rule] ??= { allowed: 0, denied: 0 };
            hits[r.rule][f[7] === "A" ? "allowed" : "denied"]++;
          }
  return hits;
}

describe("flowlogs rules and export end to end: NSG rules through ARM, blobs from Azurite", () => {
  let emulator: RunningEmulator;
  let dataPlane: DataPlane;
  let dir: string;
  let files: string[];
  let env: NodeJS.ProcessEnv;

  before(async () => {
    emulator = await startEmulatedAzure();
    dataPlane = await startDataPlane(emulator);
    await emulator.admin.patchResource(NSG_WITH_ENABLED_LOG, {
      properties: { securityRules: SECURITY_RULES, defaultSecurityRules: DEFAULT_RULES },
    });
    const names = await dataPlane.writeHours(
      new Date("2026-11-24T10:00:00Z"),
      new Date("2026-11-24T12:00:00Z"),
    );
    const key = (await emulator.admin.storageKeys())[STORAGE_WEU.toLowerCase()][0].value;
    const account = STORAGE_WEU.split("/").pop()!;
    const container = new BlobServiceClient(
      `${dataPlane.azurite.origin}/${account}`,
      new StorageSharedKeyCredential(account, key),
    ).getContainerClient(CONTAINER);
    dir = mkdtempSync(path.join(tmpdir(), "rules-"));
    files = [];
    for (const name of names) {
      const file = path.join(dir, ...name.split("/"));
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, await container.getBlobClient(name).downloadToBuffer());
      files.push(file);
    }
    env = { ...process.env, ...providerEnv(emulator) };
  });

  after(async () => {
    await dataPlane?.stop();
    await emulator?.stop();
  });

  it("lists each rule's hits, first and last seen, the rules never hit and the caveat", async () => {
    await emulator.admin.clearRequests();
    const args = ["rules", "--nsg", NSG_WITH_ENABLED_LOG, "--format", "json", dir];
    const { stdout, stderr } = await run(flowlogs, args, { env });
    for (const secret of secretsOf(emulator))
      assert.ok(!`${stdout}${stderr}`.includes(secret), "no secret printed");
    assert.doesNotMatch(`${stdout}${stderr}`, JWT_PATTERN);
    const audit = JSON.parse(stdout);
    const expected = countByRule(files, 0, Number.POSITIVE_INFINITY);
    const hits = (loggedAs: string) => {
      const r = audit.rules.find((x: { loggedAs: string }) => x.loggedAs === loggedAs);
      return { allowed: r.allowed, denied: r.denied };
    };
    assert.ok(expected.UserRule_AllowWeb.allowed > 0 && expected.DefaultRule_DenyAllInBound.denied > 0);
    for (const name of [
      "UserRule_AllowWeb",
      "DefaultRule_DenyAllInBound",
      "DefaultRule_AllowInternetOutBound",
    ])
      assert.deepEqual(hits(name), expected[name], name);
    // The rules no tuple names, counted apart from the audit.
    const unhit = audit.rules
      .filter((r: { loggedAs: string }) => !expected[r.loggedAs])
      .map((r: { name: string }) => r.name);
    assert.ok(unhit.length > 0);
    assert.deepEqual(audit.neverHit, unhit);
    assert.deepEqual(audit.notInNsg, []);
    const web = audit.rules.find((r: { name: string }) => r.name === "AllowWeb");
    assert.ok(
      web.first >= "2026-11-24T10:00:00" && web.last < "2026-11-24T12:00:00" && web.first <= web.last,
    );
    assert.deepEqual(
      audit.rules.map((r: { direction: string; priority: number }) => `${r.direction} ${r.priority}`),
      ["Inbound 100", "Inbound 110", "Inbound 65000", "Inbound 65500", "Outbound 65001", "Outbound 65500"],
    );
    assert.match(audit.caveat, /not proof/);
    const reads = await emulator.admin.requests({ method: "GET" });
    assert.ok(
      reads.some(
        (r) => r.path.toLowerCase().startsWith(NSG_WITH_ENABLED_LOG.toLowerCase()) && r.status === 200,
      ),
      "the NSG was read through ARM",
    );
  });

  it("limits the audit to --from/--to and prints a table with the caveat", async () => {
    const range = ["--from", "2026-11-24T11:00:00Z", "--to", "2026-11-24T12:00:00Z"];
    const { stdout } = await run(flowlogs, ["rules", "--nsg", NSG_WITH_ENABLED_LOG, ...range, dir], { env });
    const expected = countByRule(files, Date.parse(range[1]), Date.parse(range[3]));
    assert.match(stdout, /Period: 2026-11-24T11:00:00\.000Z \.\. 2026-11-24T12:00:00\.000Z/);
    const web = expected.UserRule_AllowWeb;
    assert.match(
      stdout,
      new RegExp(
        `Inbound\\s+100\\s+AllowWeb\\s+Allow\\s+Tcp \\* -> \\*:443\\s+${web.allowed}\\s+${web.denied}\\s+2026-11-24T11:`,
      ),
    );
    const names = [
      "AllowWeb",
      "AllowSsh",
      "AllowVnetInBound",
      "DenyAllInBound",
      "AllowInternetOutBound",
      "DenyAllOutBound",
    ];
    const unhit = names.filter((n) => !Object.keys(expected).some((logged) => logged.endsWith(`_${n}`)));
    assert.match(stdout, new RegExp(`Never hit in this period \\(${unhit.length}\\): ${unhit.join(", ")}`));
    assert.match(stdout, /Note: A rule with no hits here .* is not proof it is unused/);
  });

  it("exports every tuple of the blobs in each format, and --from/--to keeps one hour", async () => {
    const all = countByRule(files, 0, Number.POSITIVE_INFINITY);
    const tuples = Object.values(all).reduce((n, r) => n + r.allowed + r.denied, 0);
    for (const format of ["jsonl", "ecs", "ocsf"]) {
      const lines = (await run(flowlogs, ["export", "--format", format, dir])).stdout.trim().split("\n");
      assert.equal(lines.length, tuples, format);
      assert.ok(
        lines.every((l) => JSON.parse(l)),
        format,
      );
    }
    const csv = (await run(flowlogs, ["export", "--format", "csv", dir])).stdout.trim().split("\n");
    assert.equal(csv.length, tuples + 1, "a header and one row per tuple");
    const hour = countByRule(files, Date.parse("2026-11-24T11:00:00Z"), Date.parse("2026-11-24T12:00:00Z"));
    const inHour = Object.values(hour).reduce((n, r) => n + r.allowed + r.denied, 0);
    const range = ["--from", "2026-11-24T11:00:00Z", "--to", "2026-11-24T12:00:00Z"];
    const summary = JSON.parse(
      (await run(flowlogs, ["summarize", "--format", "json", ...range, dir])).stdout,
    );
    assert.ok(inHour > 0 && inHour < tuples);
    assert.equal(summary.tuples, inHour);
    assert.ok(summary.first >= "2026-11-24T11:00:00" && summary.last < "2026-11-24T12:00:00");
  });

  it("says which NSG ID it cannot take", async () => {
    await assert.rejects(
      run(flowlogs, ["rules", "--nsg", "nsg-web", dir], { env }),
      (e: { stderr: string; code: number }) => {
        assert.equal(e.code, 2);
        assert.match(e.stderr, /--nsg: got "nsg-web"; expected an NSG resource ID/);
        return true;
      },
    );
  });
});
