import { parseEventLogs, type Address, type Hex, type TransactionReceipt } from "viem";
import { ioIDAbi } from "../../chain/abi";
import type { PlannedCall } from "../bindPlan";
import { executePlan, type ClaimWallet } from "../execute";
import { toFailure } from "../failure";
import type { ClaimFailure, ClaimResult } from "../machine";
import type { PlanBinding } from "../planBinding";
import type { FleetCall, FleetPrompt } from "./sendPlan";

export interface FleetSendHooks {
  /** Prompt `index` of `total` (1-based) is about to open. */
  onPrompt(index: number, total: number): void;
  /** A transaction left the wallet carrying these rows' registrations (a batch reports each of its transactions). */
  onSent(rows: string[], hash: Hex): void;
  onRowDone(row: string, result: ClaimResult): void;
  onRowFailed(row: string, failure: ClaimFailure): void;
  /** An approval for all (or its withdrawal) went through, or failed. */
  onApproval?(call: FleetCall, failure: ClaimFailure | undefined): void;
}

/**
 * Sends the prompts in order, each through the claim's executor (a batch as one EIP-5792 call, else one
 * transaction). A row that fails (a revert, a declined prompt, a dropped transaction) is reported and the others
 * go on; a failed approval for all fails only the rows of its collection. Nothing is sent unless the wallet is still
 * on the chain and account the queue was checked for.
 */
export async function sendFleet(
  prompts: readonly FleetPrompt[],
  wallet: ClaimWallet,
  hooks: FleetSendHooks,
  { ioID, boundTo }: { ioID: Address; boundTo: Omit<PlanBinding, "nonce"> },
): Promise<void> {
  const blocked = new Set<string>();
  for (const [index, prompt] of prompts.entries()) {
    const calls = prompt.kind === "batch" ? prompt.calls : [prompt.call];
    const rows = calls.flatMap((c) => (c.kind === "register" && c.row ? [c.row] : []));
    const single = prompt.kind === "transaction" ? prompt.call : undefined;
    if (single?.kind === "register" && blocked.has((single.collection ?? "").toLowerCase())) {
      const message = "The approval for this device's NFT collection did not go through, so its registration was not sent.";
      hooks.onRowFailed(single.row!, { code: "fleet:approval-failed", message, action: "Retry the failed rows." });
      continue;
    }
    const hashes: Hex[] = [];
    try {
      await executePlan(calls.map(asPlanned), wallet, {
        onPrompt: () => hooks.onPrompt(index + 1, prompts.length),
        onSent: (hash) => {
          hashes.push(hash);
          if (rows.length > 0) hooks.onSent(rows, hash);
        },
        boundTo: { ...boundTo, nonce: undefined },
      });
      if (single && single.kind !== "register") hooks.onApproval?.(single, undefined);
      else reportResults(rows, await Promise.all(hashes.map((hash) => wallet.waitForReceipt(hash))), hooks, ioID);
    } catch (error) {
      const failure = toFailure(error);
      if (single && single.kind !== "register") {
        if (single.kind === "approve-all") blocked.add(single.to.toLowerCase());
        hooks.onApproval?.(single, failure);
      }
      // Some of a batch's transactions may have gone through: their rows are done, the others failed.
      if (hashes.length > 0) reportResults(rows, await Promise.all(hashes.map((hash) => wallet.waitForReceipt(hash))), hooks, ioID);
      else rows.forEach((row) => hooks.onRowFailed(row, failure));
      // The wallet moved to another account or chain: nothing more can go out for this queue.
      if (failure.code === "claim:rebound") {
        prompts.slice(index + 1).forEach((p) => (p.kind === "batch" ? p.calls : [p.call]).forEach((c) => c.kind === "register" && c.row && hooks.onRowFailed(c.row, failure)));
        return;
      }
    }
  }
}

/** The executor knows approvals and registrations; an approval for all (or its withdrawal) is an approval to it. */
const asPlanned = (call: FleetCall): PlannedCall => ({ kind: call.kind === "register" ? "register" : "approve", to: call.to, data: call.data, value: call.value, label: call.label });

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
  const reverted = receipts.some((r) => r.status !== "success");
  for (const row of rows) {
    const result = created.get(row);
    if (result) hooks.onRowDone(row, result);
    else {
      const message = reverted ? "The registration was reverted on chain." : "The transaction went through but registered no ioID for this device.";
      hooks.onRowFailed(row, { code: "claim:reverted", message, action: "Check again, then retry the failed rows." });
    }
  }
}
