// @pulumi/pulumi captures a stack trace for each of a resource's property promises as it registers them
// (`new Error().stack`, which ts-node source-maps frame by frame), for nothing but the report it prints
// when PULUMI_DEBUG_PROMISE_LEAKS is set. For a FlowLog's settings resource that was most of the
// program's CPU. The resource's own source position is unaffected: the SDK lifts the limit for it.

/** Turns stack traces off until the returned function is called, unless leaks are being debugged. */
export function withoutPromiseStacks(): () => void {
  if (process.env.PULUMI_DEBUG_PROMISE_LEAKS) return () => {};
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  return () => {
    Error.stackTraceLimit = limit;
  };
}
