import { encodeFunctionData, type Address, type Hex } from "viem";
import { text } from "../i18n/text";
import { ioIDAbi, ioIDRegistryAbi } from "../chain/abi";
import type { DeviceSignature } from "../device/signature";
import type { PlannedCall } from "./bindPlan";

// The device page's writes, as calls of a plan like the claim's (bindPlan.ts): each goes through the same
// executor (execute.ts), so simulation, prompts, receipts and explanations are the claim's.

type Signature = Pick<DeviceSignature, "v" | "r" | "s">;

/** `update(device, hash, uri)`: a new DID Document, with the device's consent. */
export function updateCall(registry: Address, device: Address, document: { hash: Hex; uri: string }, signature: Signature): PlannedCall {
  return {
    kind: "update",
    to: registry,
    data: encodeFunctionData({ abi: ioIDRegistryAbi, functionName: "update", args: [device, document.hash, document.uri, signature.v, signature.r, signature.s] }),
    value: 0n,
    label: text("ClaimCalls.update"),
  };
}

/** `remove(device)`: the registration ends, with the device's consent. */
export function removeCall(registry: Address, device: Address, signature: Signature): PlannedCall {
  return {
    kind: "remove",
    to: registry,
    data: encodeFunctionData({ abi: ioIDRegistryAbi, functionName: "remove", args: [device, signature.v, signature.r, signature.s] }),
    value: 0n,
    label: text("ClaimCalls.remove"),
  };
}

/** `safeTransferFrom(from, to, id)` on the ioID contract: the ioID, and with it the device wallet, changes owner. */
export function transferCall(ioID: Address, from: Address, to: Address, id: bigint): PlannedCall {
  return {
    kind: "transfer",
    to: ioID,
    data: encodeFunctionData({ abi: ioIDAbi, functionName: "safeTransferFrom", args: [from, to, id] }),
    value: 0n,
    label: text("ClaimCalls.transfer", { ioID: id.toString() }),
  };
}
