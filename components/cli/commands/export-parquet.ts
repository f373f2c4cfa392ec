// `flowlogs export --format parquet --out DIR`: the tuples as partitioned Parquet (see parquet-export.ts).
import { fileSource, type TimeRange } from "../../logs/read";
import { finish } from "./common";

export async function run(
  files: string[],
  values: { out?: string; append: boolean; "allow-damaged": boolean },
  range: TimeRange,
): Promise<number> {
  if (!values.out)
    throw new Error(
      "export --format parquet: --out DIR is required (the folder the partitions are written in)",
    );
  const { exportParquet } = await import("../../logs/parquet-export");
  const totals = await exportParquet(files.map(fileSource), {
    out: values.out,
    append: values.append,
    range,
  });
  console.error(`wrote ${values.out} (${totals.tuples} tuples as Parquet)`);
  return finish(totals, values["allow-damaged"]);
}
