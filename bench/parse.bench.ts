// Throughput and memory of the streaming parser against reading the whole blob with JSON.parse.
// Each side runs in its own process over the same generated blob, so peak memory is its own.
// Prints figures and ratios; asserts nothing (timing is measured here, never in tests).
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { fileSource, summarize } from "../components/logs";
import { flowsOf } from "../components/logs/flows";
import { SummaryBuilder } from "../components/logs/summary";
import { hourRecords } from "../emulator/dataplane/records";

/** Blob sizes to compare: flat memory shows as the same peak for both. */
const SIZES_MB = (process.env.BENCH_BLOB_MB ?? "16,64").split(",").map(Number);

interface Measurement {
  ms: number;
  flows: number;
  maxRssMb: number;
}

/** A blob of VNet and NSG records in Azure's block layout, about `targetMb` large. */
function generate(file: string, targetMb: number): void {
  const parts: string[] = [];
  let bytes = 0;
  for (let hour = 0; bytes < targetMb * 1_048_576; hour++) {
    const at = new Date(Date.UTC(2026, 10, 1) + hour * 3_600_000);
    const base = {
      mac: "00-0D-3A-1B-2C-3D",
      privateIp: "10.10.1.4",
      targetResourceId: "/subscriptions/s/resourceGroups/r/providers/Microsoft.Network/virtualNetworks/v",
      flowLogResourceId: "/fl",
    };
    for (const record of [
      ...hourRecords({ ...base, kind: "vnet", version: 4, hourStart: at }),
      ...hourRecords({ ...base, kind: "nsg", version: 2, hourStart: at }),
    ]) {
      const block = `${parts.length ? "," : '{"records":['}${JSON.stringify(record)}`;
      parts.push(block);
      bytes += block.length;
    }
  }
  parts.push("]}");
  writeFileSync(file, parts.join(""));
}

async function measure(mode: string, file: string): Promise<Measurement> {
  const started = process.hrtime.bigint();
  let flows: number;
  if (mode === "stream") {
    flows = (await summarize([fileSource(file)])).tuples;
  } else {
    const builder = new SummaryBuilder();
    for (const record of JSON.parse(readFileSync(file, "utf8")).records)
      for (const flow of flowsOf(record)) builder.add(flow);
    flows = builder.build().tuples;
  }
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  return { ms, flows, maxRssMb: process.resourceUsage().maxRSS / 1024 };
}

/** A heap far smaller than the blob: only a parser whose memory is flat in file size gets through. */
const SMALL_HEAP_MB = 48;

function inChild(mode: string, file: string, heapMb?: number): Measurement | undefined {
  const heap = heapMb ? [`--max-old-space-size=${heapMb}`] : [];
  try {
    const args = [...heap, "-r", "ts-node/register/transpile-only", __filename, mode, file];
    const out = execFileSync(process.execPath, args, {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    });
    return JSON.parse(out.trim().split("\n").pop()!);
  } catch {
    return undefined; // out of memory under the heap cap
  }
}

async function main(): Promise<void> {
  const [mode, file] = process.argv.slice(2);
  if (mode) {
    console.log(JSON.stringify(await measure(mode, file)));
    return;
  }
  const line = (name: string, mb: number, m: Measurement) =>
    `${name.padEnd(26)} ${(mb / (m.ms / 1000)).toFixed(1).padStart(7)} MB/s  ${m.ms.toFixed(0).padStart(6)} ms  peak RSS ${m.maxRssMb.toFixed(0).padStart(5)} MB  ${m.flows} flows`;
  console.log(
    `parse: PT1H.json blobs of VNet v4 + NSG v2 records, node ${process.version}, each side in its own process`,
  );
  for (const size of SIZES_MB) {
    const blob = path.join(mkdtempSync(path.join(tmpdir(), "bench-parse-")), "PT1H.json");
    generate(blob, size);
    const mb = statSync(blob).size / 1_048_576;
    const whole = inChild("whole", blob)!;
    const stream = inChild("stream", blob)!;
    console.log(`-- ${mb.toFixed(1)} MB`);
    console.log(line("JSON.parse of whole file", mb, whole));
    console.log(line("streaming parser", mb, stream));
    console.log(
      `ratio  throughput stream/whole: ${(whole.ms / stream.ms).toFixed(2)}   peak memory stream/whole: ${(stream.maxRssMb / whole.maxRssMb).toFixed(2)}`,
    );
    const capped = (m: string) => (inChild(m, blob, SMALL_HEAP_MB) ? "finishes" : "runs out of memory");
    console.log(
      `with a ${SMALL_HEAP_MB} MB heap: streaming parser ${capped("stream")}; JSON.parse of the whole file ${capped("whole")}`,
    );
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
