// What the shim loads inside the dynamic-provider host (package export "pulumi-azure-flowlogs/provider").
// That host runs plain Node, so register ts-node for our TypeScript sources unless something already has.
if (!require.extensions[".ts"]) {
  require("ts-node").register({
    transpileOnly: true,
    project: require("node:path").join(__dirname, "..", "..", "tsconfig.json"),
  });
}
module.exports = require("./lifecycle");
