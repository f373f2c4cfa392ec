// The `__provider` every new flow log records: the text of shim-v2.js, read as the file is. The provider
// host runs it with `requireFromString(text).handler()`, and the engine stores it twice per flow log
// (inputs and outputs), so it is written by hand on one line (biome.json leaves it alone): 737 bytes
// where the closure serializer made 3.5 KB of shim.js. It does what shim.js does: `handler()` returns
// the seven provider methods, each loading `pulumi-azure-flowlogs/provider` when called, from the host's
// working directory (the program's) and then beside the host's main module, and throwing shim.js's
// message naming both places when neither has it. Its bytes must not change once released: each
// change rewrites every flow log's state.
import { readFileSync } from "node:fs";
import * as path from "node:path";

export const SERIALIZED_PROVIDER = readFileSync(path.join(__dirname, "shim-v2.js"), "utf8");

/**
 * Moves a flow log recorded with an older provider (0.3.0's serialized shim.js) to this one on refresh.
 * The stock provider host copies `__provider` from the outputs it handed `read` into the outputs and
 * inputs `read` returns, reading it after `read` returns; so `read` replaces it there, in place.
 */
export function adoptCurrentProvider(recorded: object): void {
  const props = recorded as { __provider?: unknown };
  if (typeof props.__provider === "string") props.__provider = SERIALIZED_PROVIDER;
}
