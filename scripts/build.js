// `npm run build`: compile components/ into dist/ (CommonJS, declarations and maps), then copy the
// serialized provider shims as they are: their bytes end up in every user's state, so no compiler touches it.
const { chmodSync, cpSync, rmSync } = require("node:fs");
const { execFileSync } = require("node:child_process");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
rmSync(path.join(root, "dist"), { recursive: true, force: true });
execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", "tsconfig.build.json"], {
  cwd: root,
  stdio: "inherit",
});
for (const file of ["shim.js", "shim.d.ts", "shim-v2.js", "handover-shim.js", "handover-shim.d.ts"]) {
  cpSync(path.join(root, "components", "provider", file), path.join(root, "dist", "provider", file));
}
// The `flowlogs` bin, runnable from the repo as it is once npm installs it.
chmodSync(path.join(root, "dist", "cli", "flowlogs.js"), 0o755);
