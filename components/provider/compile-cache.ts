// Loaded first by the provider's implementation: the first call of a refresh waits while the provider
// host compiles the Azure SDK and @azure/identity (most of the 170 ms it takes to load us). Node's
// on-disk compile cache (its default folder under the system's temp directory, or NODE_COMPILE_CACHE)
// lets every later provider host skip that compilation. It holds compiled code only, keyed by each
// file's contents, and Node ignores it when it cannot write there.
import * as nodeModule from "node:module";

nodeModule.enableCompileCache?.();
