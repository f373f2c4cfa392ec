exports.handler = () => {
  const entry = "pulumi-azure-flowlogs/provider";
  const load = () => {
    const places = [`${process.cwd()}/`, require.main?.filename].filter(Boolean);
    for (const place of places) {
      try {
        return require("node:module").createRequire(place)(entry).provider;
      } catch (e) {
        if (e.code !== "MODULE_NOT_FOUND" || !e.message.includes(`'${entry}'`)) throw e;
      }
    }
    throw new Error(
      `pulumi-azure-flowlogs: cannot find the package's provider ("${entry}") from ${places.join(" or ")}. ` +
        "Install pulumi-azure-flowlogs in the project that runs this program (npm install pulumi-azure-flowlogs); " +
        "with the Automation API, set the workspace's workDir to a folder of that project.",
    );
  };
  const methods = ["configure", "check", "diff", "create", "read", "update", "delete"];
  return Object.fromEntries(methods.map((m) => [m, (...args) => load()[m](...args)]));
};
