/**
 * How a wallet takes a bundle of calls on one chain, as EIP-5792 (v2) `wallet_getCapabilities` reports it:
 * - "atomic": atomic status "supported" or "ready": the calls run all-or-nothing, as one transaction that must fit
 *   in a block;
 * - "sequential": atomic status "unsupported": one `wallet_sendCalls` (atomicRequired false) and one prompt, the
 *   wallet then sends the calls as separate transactions, in order;
 * - "none": no EIP-5792 for that chain (or no answer): one prompt per transaction.
 */
export type CallBundling = "atomic" | "sequential" | "none";

export function bundlingOf(capabilities: { atomic?: { status?: string } | undefined } | undefined): CallBundling {
  const status = capabilities?.atomic?.status;
  if (status === "supported" || status === "ready") return "atomic";
  return status === "unsupported" ? "sequential" : "none";
}

/** EIP-5792's "batch too large": the wallet refused a bundle for its number of calls, before any prompt. */
export const BUNDLE_TOO_LARGE = 5740;
