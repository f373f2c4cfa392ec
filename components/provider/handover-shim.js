// The provider object the engine serializes into every NSG flow-log handover's state as `__provider`.
// Like shim.js, and for the same reason (its bytes must stay identical across releases), plain
// JavaScript that loads the installed implementation when a method is called; it cannot share
// shim.js's lookup, as each serialized provider carries only its own module's code.
function handoverImplementation() {
  const entry = "pulumi-azure-flowlogs/provider/handover";
  const places = [`${process.cwd()}/`, require.main?.filename].filter(Boolean);
  for (const place of places) {
    try {
      return require("node:module").createRequire(place)(entry).handoverProvider;
    } catch (e) {
      if (e.code !== "MODULE_NOT_FOUND" || !e.message.includes(`'${entry}'`)) throw e;
    }
  }
  throw new Error(
    `pulumi-azure-flowlogs: cannot find "${entry}" from ${places.join(" or ")}. ` +
      "Install pulumi-azure-flowlogs in the project that runs this program (npm install pulumi-azure-flowlogs).",
  );
}

exports.handoverProvider = {
  configure: (req) => handoverImplementation().configure(req),
  check: (olds, news) => handoverImplementation().check(olds, news),
  diff: (id, olds, news) => handoverImplementation().diff(id, olds, news),
  create: (inputs) => handoverImplementation().create(inputs),
  read: (id, props) => handoverImplementation().read(id, props),
  update: (id, olds, news) => handoverImplementation().update(id, olds, news),
  delete: (id, props) => handoverImplementation().delete(id, props),
};
