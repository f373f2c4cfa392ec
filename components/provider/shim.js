// The provider object the engine serializes into every flow log's state as `__provider`.
// Plain JavaScript so no compiler setting can change its bytes: it must stay tiny and identical
// across releases. Each method loads the installed implementation when it is called, so refresh and
// destroy always run the installed release's code. It looks where the program's packages are: from
// the provider host's working directory (the program's), then beside the @pulumi/pulumi running the host.
function implementation() {
  const places = [`${process.cwd()}/`, require.main?.filename].filter(Boolean);
  const misses = [];
  for (const place of places) {
    try {
      return require("node:module").createRequire(place)("pulumi-azure-flowlogs/provider").provider;
    } catch (e) {
      if (e.code !== "MODULE_NOT_FOUND" || !e.message.includes("'pulumi-azure-flowlogs/provider'")) throw e;
      misses.push(place);
    }
  }
  throw new Error(
    `pulumi-azure-flowlogs: cannot find the package's provider ("pulumi-azure-flowlogs/provider") from ${misses.join(" or ")}. ` +
      "Install pulumi-azure-flowlogs in the project that runs this program (npm install pulumi-azure-flowlogs); " +
      "with the Automation API, set the workspace's workDir to a folder of that project.",
  );
}

exports.flowLogProvider = {
  configure: (req) => implementation().configure(req),
  check: (olds, news) => implementation().check(olds, news),
  diff: (id, olds, news) => implementation().diff(id, olds, news),
  create: (inputs) => implementation().create(inputs),
  read: (id, props) => implementation().read(id, props),
  update: (id, olds, news) => implementation().update(id, olds, news),
  delete: (id, props) => implementation().delete(id, props),
};
