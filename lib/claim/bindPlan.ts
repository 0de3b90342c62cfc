import { encodeFunctionData, type Address, type Hex } from "viem";
import { text, type Text } from "../i18n/text";
import { deviceNFTAbi, ioIDRegistryAbi } from "../chain/abi";
import type { DeviceSignature } from "../device/signature";
import type { Preflight } from "./preflight";
import { needsApproval } from "./walletSteps";

export interface PlannedCall {
  kind: "approve" | "register" | "update" | "remove" | "transfer" | "migrate" | "wallet-send";
  to: Address;
  data: Hex;
  value: bigint;
  /** What the call does, shown while the wallet asks for it. */
  label: Text;
}

export interface BindPlanInput {
  preflight: Preflight;
  nft: { contract: Address; tokenId: bigint };
  device: Address;
  signature: Pick<DeviceSignature, "v" | "r" | "s">;
  document: { uri: string; hash: Hex };
  fee: bigint;
}

/** The transactions that bind the device: [approve?] + register{value: fee}. Pure. */
export function bindPlan(input: BindPlanInput): PlannedCall[] {
  const { preflight, nft, device, signature, document, fee } = input;
  const calls: PlannedCall[] = [];
  if (needsApproval(preflight)) {
    calls.push({
      kind: "approve",
      to: nft.contract,
      data: encodeFunctionData({ abi: deviceNFTAbi, functionName: "approve", args: [preflight.registry, nft.tokenId] }),
      value: 0n,
      label: text("ClaimCalls.approve", { tokenId: nft.tokenId.toString() }),
    });
  }
  calls.push(registerCall({ registry: preflight.registry, nft, device, signature, document, fee }));
  return calls;
}

/** `register{value: fee}` on the registry: the last call of every plan, and what the dry run simulates. */
export function registerCall(input: Omit<BindPlanInput, "preflight"> & { registry: Address }): PlannedCall {
  const { registry, nft, device, signature, document, fee } = input;
  return {
    kind: "register",
    to: registry,
    data: encodeFunctionData({
      abi: ioIDRegistryAbi,
      functionName: "register",
      args: [nft.contract, nft.tokenId, device, document.hash, document.uri, signature.v, signature.r, signature.s],
    }),
    value: fee,
    label: text("ClaimCalls.register"),
  };
}
