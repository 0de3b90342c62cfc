import { encodeFunctionData, type Address, type Hex } from "viem";
import { text, type Text } from "../../i18n/text";
import { deviceNFTAbi } from "../../chain/abi";
import type { CallBundling } from "../bundling";
import type { FleetPlan } from "./plan";

/** One call of a fleet send; `row` names the device a register (or its approval) belongs to. */
export interface FleetCall {
  kind: "approve-all" | "revoke-all" | "register";
  to: Address;
  data: Hex;
  value: bigint;
  label: Text;
  row?: string | undefined;
  /** For a register: the device-NFT collection it moves a token of. */
  collection?: Address | undefined;
  /** Gas the dry run measured, when it ran. */
  gas?: bigint | undefined;
}

/**
 * One wallet prompt: a bundle of calls (EIP-5792 `wallet_sendCalls`; `atomic` when it must run all-or-nothing) or
 * a single transaction.
 */
export type FleetPrompt = { kind: "batch"; atomic: boolean; calls: FleetCall[] } | { kind: "transaction"; call: FleetCall };

export interface BatchLimits {
  /** The most calls the wallet takes in one wallet_sendCalls, once it has said so (it refused a larger bundle). */
  maxCalls?: number | undefined;
  /** Gas one atomic batch may use: it runs as one transaction, which must fit in a block. */
  maxGas: bigint;
}

export interface SendOptions {
  bundling: CallBundling;
  limits: BatchLimits;
  /** Without batching: withdraw the registry's approval for all once the devices are registered. */
  revokeAfter?: boolean | undefined;
}

/**
 * Gas a register and an approval take when the dry run has not measured them: a register mints the ioID, creates
 * the device wallet, moves the NFT and stores the document URI, ~1.2M gas with a data: URI document, ~0.4M with
 * an ipfs:// one (fleet.test.ts). A batch is cut by the measured figures where there are some.
 */
export const REGISTER_GAS = 1_300_000n;
export const APPROVE_GAS = 60_000n;

/**
 * An all-or-nothing batch runs as one transaction, so it must fit in a block: nine tenths of one, leaving room
 * for the account's own overhead. (IoTeX blocks take 50M gas since IIP-24; anvil's 30M.)
 */
export const batchGasBudget = (blockGasLimit: bigint): bigint => (blockGasLimit * 9n) / 10n;

/**
 * Pure: the wallet prompts that send the plan's ready rows.
 * - EIP-5792 wallet: in as few bundles as the limits allow, each opening with `setApprovalForAll(registry, true)`
 *   for the collections it moves that the registry may not move yet, and closing with `setApprovalForAll(false)`:
 *   one call per collection instead of an approval per token, withdrawn at the bundle's end. An atomic wallet runs
 *   a bundle as one transaction, so the block's gas cuts it; a sequential one sends each call as its own
 *   transaction, so one bundle holds the whole fleet unless the wallet has refused that many calls.
 * - Otherwise: one `setApprovalForAll(registry, true)` per collection, then one `register` per device, and, when
 *   asked, one `setApprovalForAll(registry, false)` per collection at the end.
 */
export function fleetPrompts(plan: FleetPlan, registry: Address, options: SendOptions): FleetPrompt[] {
  const registers = plan.rows
    .filter((r) => r.register && r.nft?.tokenId !== undefined)
    .map((row): FleetCall => ({ ...row.register!, kind: "register", row: row.key, collection: row.nft!.contract, gas: row.gas }));
  if (options.bundling !== "none") {
    const atomic = options.bundling === "atomic";
    // Room for the opening and closing approvals of every collection, so a batch never outgrows the limits.
    const wrap = BigInt(plan.unapproved.length * 2);
    const maxCalls = options.limits.maxCalls && Math.max(1, options.limits.maxCalls - Number(wrap));
    const limits = { maxCalls, maxGas: atomic ? options.limits.maxGas - wrap * APPROVE_GAS : undefined };
    return splitIntoBatches(registers.map((c) => [c]), limits).map((batch) => {
      const inBatch = plan.unapproved.filter((contract) => batch.some((c) => c.collection?.toLowerCase() === contract.toLowerCase()));
      const calls = [...inBatch.map((c) => approvalForAll(c, registry, true)), ...batch, ...inBatch.map((c) => approvalForAll(c, registry, false))];
      return { kind: "batch", atomic, calls };
    });
  }
  const approvals = plan.unapproved.map((contract) => approvalForAll(contract, registry, true));
  const revokes = options.revokeAfter ? plan.unapproved.map((contract) => approvalForAll(contract, registry, false)) : [];
  return [...approvals, ...registers, ...revokes].map((call) => ({ kind: "transaction", call }));
}

/**
 * A bundle the wallet refused for its size, as bundles of at most `maxCalls` calls, each with the opening approvals
 * and closing withdrawals of the collections it moves.
 */
export function rebundle(prompt: Extract<FleetPrompt, { kind: "batch" }>, maxCalls: number): FleetPrompt[] {
  const registers = prompt.calls.filter((c) => c.kind === "register");
  const wraps = prompt.calls.filter((c) => c.kind !== "register");
  const collectionOf = (c: FleetCall) => (c.kind === "register" ? c.collection : c.to)?.toLowerCase();
  const room = Math.max(1, maxCalls - wraps.length);
  return splitIntoBatches(registers.map((c) => [c]), { maxCalls: room }).map((batch) => {
    const moved = new Set(batch.map(collectionOf));
    const wrap = (kind: FleetCall["kind"]) => wraps.filter((c) => c.kind === kind && moved.has(collectionOf(c)));
    return { kind: "batch", atomic: prompt.atomic, calls: [...wrap("approve-all"), ...batch, ...wrap("revoke-all")] };
  });
}

/** Greedy and in order: a unit goes in the current batch while it fits, else starts the next one. */
export function splitIntoBatches(units: readonly FleetCall[][], limits: { maxCalls?: number | undefined; maxGas?: bigint | undefined }): FleetCall[][] {
  const batches: FleetCall[][] = [];
  let current: FleetCall[] = [];
  let gas = 0n;
  for (const unit of units) {
    const unitGas = unit.reduce((sum, c) => sum + gasOf(c), 0n);
    const fits = current.length + unit.length <= (limits.maxCalls ?? Infinity) && (limits.maxGas === undefined || gas + unitGas <= limits.maxGas);
    if (!fits && current.length > 0) {
      batches.push(current);
      current = [];
      gas = 0n;
    }
    current.push(...unit);
    gas += unitGas;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

const gasOf = (call: FleetCall) => call.gas ?? (call.kind === "register" ? REGISTER_GAS : APPROVE_GAS);

function approvalForAll(contract: Address, registry: Address, approved: boolean): FleetCall {
  return {
    kind: approved ? "approve-all" : "revoke-all",
    to: contract,
    data: encodeFunctionData({ abi: deviceNFTAbi, functionName: "setApprovalForAll", args: [registry, approved] }),
    value: 0n,
    label: text(approved ? "ClaimCalls.approveAll" : "ClaimCalls.revokeAll", { collection: `${contract.slice(0, 6)}…${contract.slice(-4)}` }),
  };
}
