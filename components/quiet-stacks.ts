// @pulumi/pulumi captures a stack trace for each of a resource's property promises as it registers them
// (`new Error().stack`, which ts-node source-maps frame by frame), for nothing but the report it prints
// when PULUMI_DEBUG_PROMISE_LEAKS is set. For a FlowLog's settings resource that was most of the
// program's CPU. The resource's own source position is unaffected: the SDK lifts the limit for it.

/** Runs `register` (synchronous) with stack traces off, unless leaks are being debugged. */
export function withoutPromiseStacks<T>(register: () => T): T {
  if (process.env.PULUMI_DEBUG_PROMISE_LEAKS) return register();
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return register();
  } finally {
    Error.stackTraceLimit = limit;
  }
}
