// Preloaded into the dynamic-provider host (NODE_OPTIONS=--require) by bench/engine.bench.ts: keeps
// the process's peak resident memory in $PEAK_RSS_DIR/<pid>, in kilobytes. Written every 100 ms as
// well as at exit, because the engine may end the host with a signal no exit handler sees.
const { writeFileSync } = require("node:fs");
const path = require("node:path");

const file = path.join(process.env.PEAK_RSS_DIR, String(process.pid));
const record = () => {
  try {
    writeFileSync(file, String(process.resourceUsage().maxRSS));
  } catch {
    // The benchmark has read its figures and removed the directory.
  }
};
setInterval(record, 100).unref();
process.on("exit", record);
