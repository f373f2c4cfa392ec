// The one sentence a person reads when a provider operation fails.
import { describeAzureError, isSignInFailure } from "../azure/errors";
import { isRefusal } from "./refusal";

/**
 * Runs the provider's work; a refusal keeps its own words, anything else is explained as an Azure failure.
 * A failed sign-in comes before any request, so what to set leads, not the operation it stopped.
 */
export async function explained<T>(what: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (isSignInFailure(e)) throw new Error(describeAzureError(e));
    throw new Error(`${what}: ${isRefusal(e) ? e.message : describeAzureError(e)}`);
  }
}
