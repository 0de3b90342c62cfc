import { parseEventLogs, type Address, type Hex, type TransactionReceipt } from "viem";
import { ioIDAbi } from "../chain/abi";
import { parseDid } from "../did/did";
import type { PlannedCall } from "./bindPlan";
import type { CallBundling } from "./bundling";
import type { Check } from "./checklist";
import type { ClaimResult } from "./machine";
import { text } from "../i18n/text";
import { bindingChange, type PlanBinding } from "./planBinding";
import { ClaimExecutionError } from "./walletSteps";

/** What the claim needs from a wallet; the app adapts wagmi to it, tests adapt a local account. */
export interface ClaimWallet {
  /** The account and chain the wallet would send from right now; undefined when none is connected. */
  account(): Promise<{ address: Address; chainId: number } | undefined>;
  /** EIP-5792: can the wallet send the approval and the registration as one atomic batch on this chain? */
  supportsAtomicBatch(): Promise<boolean>;
  /** EIP-5792: does the wallet take a bundle of calls in one prompt, and does it run it all-or-nothing? */
  callBundling(): Promise<CallBundling>;
  /** One prompt for the calls; `atomic: false` lets the wallet send them as separate transactions (default: atomic). */
  sendCalls(calls: PlannedCall[], options?: { atomic: boolean }): Promise<string>;
  /** Resolves with the batch's receipts once it is final. */
  waitForCalls(id: string): Promise<TransactionReceipt[]>;
  sendTransaction(call: PlannedCall): Promise<Hex>;
  waitForReceipt(hash: Hex): Promise<TransactionReceipt>;
}

export interface ExecuteHooks {
  /** A wallet prompt is about to open: step k of n (1-based). */
  onPrompt(step: number, total: number): void;
  onSent(hash: Hex): void;
  /** Runs between the approval and `register`, when they go as two transactions: the last dry run. */
  recheck?: ((call: PlannedCall) => Promise<Check | undefined>) | undefined;
  /** What the plan was checked (and the device signed) for: the wallet must still be there before the first prompt. */
  boundTo?: PlanBinding | undefined;
}

/** Sends the plan: one EIP-5792 batch where the wallet can, otherwise one transaction per call, in order. */
export async function executePlan(plan: PlannedCall[], wallet: ClaimWallet, hooks: ExecuteHooks): Promise<TransactionReceipt> {
  if (hooks.boundTo) await assertBound(wallet, hooks.boundTo);
  if (plan.length > 1 && (await wallet.supportsAtomicBatch())) {
    hooks.onPrompt(1, 1);
    const id = await wallet.sendCalls(plan);
    const receipts = await wallet.waitForCalls(id);
    receipts.forEach((r) => hooks.onSent(r.transactionHash));
    const failed = receipts.find((r) => r.status !== "success");
    if (failed) throw new ClaimExecutionError("reverted", text("ClaimFailure.execution.batchReverted"), failed.transactionHash);
    return receipts.at(-1)!;
  }
  let last: TransactionReceipt | undefined;
  for (const [index, call] of plan.entries()) {
    if (index > 0 && call.kind === "register" && hooks.recheck) {
      const problem = await hooks.recheck(call);
      if (problem) throw new ClaimExecutionError("recheck-failed", problem.reason);
    }
    hooks.onPrompt(index + 1, plan.length);
    const hash = await wallet.sendTransaction(call);
    hooks.onSent(hash);
    last = await wallet.waitForReceipt(hash);
    if (last.status !== "success") throw new ClaimExecutionError("reverted", text("ClaimFailure.execution.callReverted", { kind: call.kind }), hash);
  }
  return last!;
}

/** Throws when the wallet is no longer on the chain and account the plan was checked (and signed) for. */
export async function assertBound(wallet: Pick<ClaimWallet, "account">, boundTo: PlanBinding): Promise<void> {
  const now = await wallet.account();
  const moved = now ? bindingChange(boundTo, { chainId: now.chainId, owner: now.address, registry: boundTo.registry }) : text("ClaimFailure.binding.noWallet");
  if (moved) throw new ClaimExecutionError("rebound", moved);
}

/**
 * The new ioID, read from the registration's CreateIoID event. Without `device` (a claim resumed after a reload
 * from a device URL, whose address was only learnt from the device) it is read from the event's DID.
 */
export function claimResultFromReceipt(receipt: TransactionReceipt, ioIDContract: Address, device?: Address): ClaimResult {
  const [created] = parseEventLogs({ abi: ioIDAbi, eventName: "CreateIoID", logs: receipt.logs }).filter(
    (log) => log.address.toLowerCase() === ioIDContract.toLowerCase(),
  );
  if (!created) throw new ClaimExecutionError("no-result", text("ClaimFailure.execution.noIoIDEvent"), receipt.transactionHash);
  return {
    ioID: created.args.id,
    did: created.args.did,
    device: device ?? parseDid(created.args.did).address,
    wallet: created.args.wallet,
    txHash: receipt.transactionHash,
  };
}
