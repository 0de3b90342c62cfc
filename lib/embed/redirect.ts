import type { ClaimResult } from "@/lib/claim/machine";

/** Redirect mode's answer: return_to with the outcome in its query (existing parameters are kept). */
export type RedirectOutcome =
  | { status: "succeeded"; chainId: number; result: ClaimResult }
  | { status: "failed"; code: string }
  | { status: "cancelled" };

export function redirectUrl(returnTo: string, outcome: RedirectOutcome): string {
  const url = new URL(returnTo);
  const set = (key: string, value: string) => url.searchParams.set(key, value);
  set("status", outcome.status);
  if (outcome.status === "succeeded") {
    set("chain", String(outcome.chainId));
    set("ioID", outcome.result.ioID.toString());
    set("did", outcome.result.did);
    set("device", outcome.result.device);
    set("wallet", outcome.result.wallet);
    set("tx", outcome.result.txHash);
  } else if (outcome.status === "failed") {
    set("code", outcome.code);
  }
  return url.toString();
}
