import { parseEventLogs, type Address, type Hex, type TransactionReceipt } from "viem";
import { ioIDAbi } from "../../chain/abi";
import { text } from "../../i18n/text";
import type { PlannedCall } from "../bindPlan";
import { BUNDLE_TOO_LARGE } from "../bundling";
import { assertBound, executePlan, type ClaimWallet } from "../execute";
import { toFailure } from "../failure";
import type { ClaimFailure, ClaimResult } from "../machine";
import type { PlanBinding } from "../planBinding";
import { rebundle, type FleetCall, type FleetPrompt } from "./sendPlan";

export interface FleetSendHooks {
  /** Prompt `index` of `total` (1-based) is about to open. */
  onPrompt(index: number, total: number): void;
  /** A transaction left the wallet carrying these rows' registrations (a batch reports each of its transactions). */
  onSent(rows: string[], hash: Hex): void;
  /** The wallet took a bundle with these rows' registrations: `id` is its wallet_getCallsStatus handle. */
  onBundleSent?(rows: string[], id: string): void;
  /** The wallet refused a bundle of that many calls: the rest go in bundles of at most `maxCalls`, `total` prompts in all. */
  onWalletLimit?(maxCalls: number, total: number): void;
  onRowDone(row: string, result: ClaimResult): void;
  onRowFailed(row: string, failure: ClaimFailure): void;
  /** An approval for all (or its withdrawal) went through, or failed. */
  onApproval?(call: FleetCall, failure: ClaimFailure | undefined): void;
}

/**
 * Sends the prompts in order: a bundle as one EIP-5792 `wallet_sendCalls` (cut smaller only if the wallet refuses
 * its size), a transaction through the claim's executor. A row that fails (a revert, a declined prompt, a dropped transaction) is reported and the others
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
  const queue = [...prompts];
  for (let index = 0; index < queue.length; index++) {
    const prompt = queue[index]!;
    if (prompt.kind === "batch") {
      const split = await sendBundle(prompt, wallet, hooks, { ioID, boundTo, index, total: queue.length });
      if (split && "rebound" in split) return failRest(queue.slice(index + 1), hooks, split.rebound);
      if (split) {
        queue.splice(index, 1, ...split);
        hooks.onWalletLimit?.(split[0]!.kind === "batch" ? split[0]!.calls.length : 1, queue.length);
        index--;
      }
      continue;
    }
    const single = prompt.call;
    const rows = single.kind === "register" && single.row ? [single.row] : [];
    if (single.kind === "register" && blocked.has((single.collection ?? "").toLowerCase())) {
      hooks.onRowFailed(single.row!, { code: "fleet:approval-failed", message: text("ClaimFailure.fleet.approvalFailed"), action: text("ClaimFailure.fleet.retryFailed") });
      continue;
    }
    const hashes: Hex[] = [];
    try {
      await executePlan([asPlanned(single)], wallet, {
        onPrompt: () => hooks.onPrompt(index + 1, queue.length),
        onSent: (hash) => {
          hashes.push(hash);
          if (rows.length > 0) hooks.onSent(rows, hash);
        },
        boundTo: { ...boundTo, nonce: undefined },
      });
      if (single.kind !== "register") hooks.onApproval?.(single, undefined);
      else reportResults(rows, await Promise.all(hashes.map((hash) => wallet.waitForReceipt(hash))), hooks, ioID);
    } catch (error) {
      const failure = toFailure(error);
      if (single.kind !== "register") {
        if (single.kind === "approve-all") blocked.add(single.to.toLowerCase());
        hooks.onApproval?.(single, failure);
      }
      if (hashes.length > 0) reportResults(rows, await Promise.all(hashes.map((hash) => wallet.waitForReceipt(hash))), hooks, ioID);
      else rows.forEach((row) => hooks.onRowFailed(row, failure));
      // The wallet moved to another account or chain: nothing more can go out for this queue.
      if (failure.code === "claim:rebound") return failRest(queue.slice(index + 1), hooks, failure);
    }
  }
}

const registerRows = (calls: readonly FleetCall[]) => calls.flatMap((c) => (c.kind === "register" && c.row ? [c.row] : []));

function failRest(prompts: readonly FleetPrompt[], hooks: FleetSendHooks, failure: ClaimFailure): void {
  prompts.forEach((p) => registerRows(p.kind === "batch" ? p.calls : [p.call]).forEach((row) => hooks.onRowFailed(row, failure)));
}

/**
 * One EIP-5792 bundle: sent, watched to its end, its rows reported from the receipts (a sequential wallet may have
 * sent some of the calls only). Returns the smaller bundles to send instead when the wallet refused this one for
 * its size, the failure when the wallet moved.
 */
async function sendBundle(
  prompt: Extract<FleetPrompt, { kind: "batch" }>,
  wallet: ClaimWallet,
  hooks: FleetSendHooks,
  { ioID, boundTo, index, total }: { ioID: Address; boundTo: Omit<PlanBinding, "nonce">; index: number; total: number },
): Promise<FleetPrompt[] | { rebound: ClaimFailure } | undefined> {
  const rows = registerRows(prompt.calls);
  let id: string;
  try {
    await assertBound(wallet, { ...boundTo, nonce: undefined });
    hooks.onPrompt(index + 1, total);
    id = await wallet.sendCalls(prompt.calls.map(asPlanned), { atomic: prompt.atomic });
  } catch (error) {
    if (rpcCode(error) === BUNDLE_TOO_LARGE && rows.length > 1) return rebundle(prompt, Math.ceil(prompt.calls.length / 2));
    const failure = toFailure(error);
    rows.forEach((row) => hooks.onRowFailed(row, failure));
    return failure.code === "claim:rebound" ? { rebound: failure } : undefined;
  }
  hooks.onBundleSent?.(rows, id);
  try {
    const receipts = await wallet.waitForCalls(id);
    receipts.forEach((r) => hooks.onSent(rows, r.transactionHash));
    reportResults(rows, receipts, hooks, ioID);
  } catch (error) {
    rows.forEach((row) => hooks.onRowFailed(row, toFailure(error)));
  }
  return undefined;
}

/** The JSON-RPC error code somewhere in an error's causes (viem wraps the wallet's answer). */
function rpcCode(error: unknown): number | undefined {
  for (let e = error as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 8; e = e.cause as typeof e, depth++) {
    if (typeof e.code === "number") return e.code;
  }
  return undefined;
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
      const message = text(reverted ? "ClaimFailure.fleet.rowReverted" : "ClaimFailure.fleet.rowNoIoID");
      hooks.onRowFailed(row, { code: "claim:reverted", message, action: text("ClaimFailure.fleet.retryFailedRows") });
    }
  }
}
