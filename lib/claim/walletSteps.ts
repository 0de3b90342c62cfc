import { isAddressEqual, type Address, type Hex } from "viem";
import type { Text } from "../i18n/text";

// What the owner is told about the wallet side of a claim. Kept apart from the planner and the executor
// (which carry ABIs) so the claim page can show it without loading them.

/** The registry pulls the NFT with safeTransferFrom, so it must be approved unless it already is. */
export function needsApproval(p: { approvedForAll: boolean; nftApproved: Address | undefined; registry: Address }): boolean {
  return !p.approvedForAll && !(p.nftApproved && isAddressEqual(p.nftApproved, p.registry));
}

/** How many wallet prompts a plan costs with this wallet: the figure the owner is told up front. */
export function promptCount(plan: readonly unknown[], atomicBatch: boolean): number {
  return atomicBatch && plan.length > 1 ? 1 : plan.length;
}

export class ClaimExecutionError extends Error {
  override name = "ClaimExecutionError";
  constructor(
    readonly code: "reverted" | "recheck-failed" | "no-result" | "rebound",
    /** What the owner reads, in their language; `message` names the key, for logs. */
    readonly said: Text,
    readonly hash?: Hex,
  ) {
    super(`${said.key} ${JSON.stringify(said.values ?? {})}`);
  }
}
