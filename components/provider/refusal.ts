// What the provider itself declines to do (as opposed to a failed Azure request): its message says why
// and how to proceed, and reaches the person as it is, never dressed up as an Azure error.

export class FlowLogRefusal extends Error {
  override readonly name = "FlowLogRefusal";
}

/** By name, not instanceof: the class may come from another copy of this package. */
export function isRefusal(e: unknown): e is FlowLogRefusal {
  return (e as { name?: unknown } | undefined)?.name === "FlowLogRefusal";
}
