// Where the real flow-log samples are: ../shared/reference/flowlog-samples beside the checkout (as CI has
// it), or FLOWLOG_SAMPLES. Never copied into the repo.
import { existsSync } from "node:fs";
import * as path from "node:path";
import { repoRoot } from "../support/engine";

const candidates = [
  process.env.FLOWLOG_SAMPLES,
  path.resolve(repoRoot, "..", "shared", "reference", "flowlog-samples"),
].filter((c): c is string => c !== undefined);

export const SAMPLES =
  candidates.find((c) => existsSync(path.join(c, "README.md"))) ??
  (() => {
    throw new Error(`flow-log samples not found; looked in ${candidates.join(", ")}`);
  })();

export const sample = (name: string) => path.join(SAMPLES, name);
