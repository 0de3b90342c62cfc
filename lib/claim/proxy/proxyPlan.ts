import { encodeFunctionData, type Address, type Hex } from "viem";
import { text } from "../../i18n/text";
import { verifyingProxyAbi } from "../../chain/abi";
import type { DeviceSignature } from "../../device/signature";
import type { PlannedCall } from "../bindPlan";

export interface ProxyPlanInput {
  proxy: Address;
  verifySignature: Hex;
  document: { uri: string; hash: Hex };
  owner: Address;
  device: Address;
  signature: Pick<DeviceSignature, "v" | "r" | "s">;
  /** price() once the project's prepaid quota is used up, else 0. */
  fee: bigint;
}

/** One call: `proxy.register(...)`. The proxy mints the device NFT itself, so no approval comes first. Pure. */
export function proxyRegisterCall(input: ProxyPlanInput): PlannedCall {
  const { proxy, verifySignature, document, owner, device, signature, fee } = input;
  return {
    kind: "register",
    to: proxy,
    data: encodeFunctionData({
      abi: verifyingProxyAbi,
      functionName: "register",
      args: [verifySignature, document.hash, document.uri, owner, device, signature.v, signature.r, signature.s],
    }),
    value: fee,
    label: text("ClaimCalls.registerProxy"),
  };
}
