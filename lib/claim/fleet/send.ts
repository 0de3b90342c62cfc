import { parseEventLogs, type Address, type Hex, type TransactionReceipt } from "viem";
import { ioIDAbi } from "../../chain/abi";
import { explainError } from "../../chain/revertMessages";
import type { ClaimFailure, ClaimResult } from "../machine";
import type { FleetCall, FleetPrompt } from "./sendPlan";

/** The wallet as a fleet send needs it: the claim's wallet port (wagmiClaimWallet, or a local account in tests). */
export interface FleetWallet {
  sendCalls(calls: Pick<FleetCall, "to" | "data" | "value">[]): Promise<string>;
  /** Resolves with the batch's receipts once it is final. */
  waitForCalls(id: string): Promise<TransactionReceipt[]>;
  sendTransaction(call: Pick<FleetCall, "to" | "data" | "value">): Promise<Hex>;
  waitForReceipt(hash: Hex): Promise<TransactionReceipt>;
}

export interface FleetSendHooks {
  /** Prompt `index` of `total` (1-based) is about to open. */
  onPrompt(index: number, total: number): void;
  /** A transaction (hash) or a batch (its id) left the wallet carrying these rows' registrations. */
  onSent(rows: string[], sent: { hash?: Hex | undefined; batchId?: string | undefined }): void;
  onRowDone(row: string, result: ClaimResult): void;
  onRowFailed(row: string, failure: ClaimFailure): void;
  /** An approval for all (or its withdrawal) went through, or failed. */
  onApproval?(call: FleetCall, failure: ClaimFailure | undefined): void;
}

/**
 * Sends the prompts in order; a row that fails (a revert, a declined prompt, a dropped transaction) is reported
 * and the others go on. A failed approval for all fails only the rows of its collection.
 */
export async function sendFleet(prompts: readonly FleetPrompt[], wallet: FleetWallet, hooks: FleetSendHooks, ioID: Address): Promise<void> {
  const blockedCollections = new Set<string>();
  for (const [index, prompt] of prompts.entries()) {
    const calls = prompt.kind === "batch" ? prompt.calls : [prompt.call];
    const rows = calls.flatMap((c) => (c.kind === "register" && c.row ? [c.row] : []));
    if (prompt.kind === "transaction" && prompt.call.kind === "register" && blockedCollections.has(collectionOf(prompt.call))) {
      hooks.onRowFailed(prompt.call.row!, { code: "fleet:approval-failed", message: "The approval for this device's NFT collection did not go through, so it was not sent.", action: "Retry the failed rows." });
      continue;
    }
    hooks.onPrompt(index + 1, prompts.length);
    try {
      if (prompt.kind === "batch") {
        const batchId = await wallet.sendCalls(calls);
        hooks.onSent(rows, { batchId });
        reportResults(rows, await wallet.waitForCalls(batchId), hooks, ioID);
        continue;
      }
      const hash = await wallet.sendTransaction(prompt.call);
      if (rows.length > 0) hooks.onSent(rows, { hash });
      const receipt = await wallet.waitForReceipt(hash);
      if (prompt.call.kind === "register") reportResults(rows, [receipt], hooks, ioID);
      else if (receipt.status !== "success") throw new Error(`${prompt.call.label}: the transaction was reverted on chain.`);
      else hooks.onApproval?.(prompt.call, undefined);
    } catch (error) {
      const failure = failureOf(error);
      if (prompt.kind === "transaction" && prompt.call.kind !== "register") {
        if (prompt.call.kind === "approve-all") blockedCollections.add(prompt.call.to.toLowerCase());
        hooks.onApproval?.(prompt.call, failure);
      }
      rows.forEach((row) => hooks.onRowFailed(row, failure));
    }
  }
}

/** Matches each row to its CreateIoID event by DID (a row's key is its lowercase device address). */
export function reportResults(rows: readonly string[], receipts: readonly TransactionReceipt[], hooks: Pick<FleetSendHooks, "onRowDone" | "onRowFailed">, ioID: Address): void {
  const created = new Map<string, ClaimResult>();
  for (const receipt of receipts) {
    if (receipt.status !== "success") continue;
    for (const log of parseEventLogs({ abi: ioIDAbi, eventName: "CreateIoID", logs: receipt.logs })) {
      if (log.address.toLowerCase() !== ioID.toLowerCase()) continue;
      const device = log.args.did.slice("did:io:".length).toLowerCase() as Address;
      created.set(device, { ioID: log.args.id, did: log.args.did, device, wallet: log.args.wallet, txHash: receipt.transactionHash });
    }
  }
  const reverted = receipts.find((r) => r.status !== "success");
  for (const row of rows) {
    const result = created.get(row);
    if (result) hooks.onRowDone(row, result);
    else {
      hooks.onRowFailed(row, {
        code: "claim:reverted",
        message: reverted ? "The registration was reverted on chain." : "The transaction went through but registered no ioID for this device.",
        action: "Check again, then retry the failed rows.",
      });
    }
  }
}

const collectionOf = (register: FleetCall) => (register.collection ?? "").toLowerCase();

export function failureOf(error: unknown): ClaimFailure {
  const explained = explainError(error);
  return { code: explained.code, message: explained.message, action: explained.action };
}
