// The provider object the engine serializes into every flow log's state as `__provider`.
// Plain JavaScript so no compiler setting can change its bytes: it must stay tiny and identical
// across releases. Each method loads the implementation when it is called, resolved from the
// program's directory, so refresh and destroy always run the installed release's code.
function implementation() {
  return require("node:module").createRequire(`${process.cwd()}/`)("pulumi-azure-flowlogs/provider").provider;
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
