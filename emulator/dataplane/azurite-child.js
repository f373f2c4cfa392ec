// Runs Azurite's blob service (the module named first on the command line, the rest being its flags)
// and ends with the process that started it: when that process goes, even killed with SIGKILL, the
// pipe on standard input closes, so no Azurite outlives its emulator. The pipe is unreferenced, so it
// does not keep Azurite alive after its own shutdown (on SIGTERM).
process.stdin.on("end", () => process.exit(0));
process.stdin.resume();
process.stdin.unref();
const [main] = process.argv.splice(2, 1);
require(main);
