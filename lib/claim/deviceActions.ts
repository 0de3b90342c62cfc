import type { Address, PublicClient } from "viem";
import type { DeviceSession } from "../device/session";
import type { DeviceSignature } from "../device/signature";
import type { PlannedCall } from "./bindPlan";
import { signDevicePermit } from "./devicePermit";
import { executePlan, type ClaimWallet, type ExecuteHooks } from "./execute";
import type { PlanBinding } from "./planBinding";

/** A write of the device page: its calls and what they were prepared (and the device signed) for. */
export interface ActionPlan {
  calls: PlannedCall[];
  boundTo: PlanBinding;
}

export interface DeviceActionTarget {
  chainId: number;
  registry: Address;
  device: Address;
  owner: Address;
}

/** Has the device sign a Permit for the owner's current nonce, and builds the call that carries it. */
export async function deviceSignedPlan(
  client: Pick<PublicClient, "readContract">,
  target: DeviceActionTarget,
  session: DeviceSession,
  build: (signature: DeviceSignature) => PlannedCall,
): Promise<ActionPlan> {
  const { chainId, registry, owner } = target;
  const { signature, nonce } = await signDevicePermit(client, { session, ...target });
  return { calls: [build(signature)], boundTo: { chainId, owner, registry, nonce } };
}

/** A plan the owner alone consents to (a transfer): bound to the chain and account only. */
export function ownerPlan(call: PlannedCall, target: Omit<DeviceActionTarget, "device">): ActionPlan {
  return { calls: [call], boundTo: { chainId: target.chainId, owner: target.owner, registry: target.registry, nonce: undefined } };
}

/**
 * Simulates each call as the owner, so a revert is explained before the wallet asks anything, then sends the
 * plan through the claim's executor, which refuses if the wallet left the chain or account it was prepared for.
 */
export async function runActionPlan(
  plan: ActionPlan,
  { client, wallet }: { client: Pick<PublicClient, "call">; wallet: ClaimWallet },
  hooks: Pick<ExecuteHooks, "onPrompt" | "onSent"> & { onSimulated?: () => void },
) {
  for (const call of plan.calls) await client.call({ account: plan.boundTo.owner, to: call.to, data: call.data, value: call.value });
  hooks.onSimulated?.();
  return executePlan(plan.calls, wallet, { ...hooks, boundTo: plan.boundTo });
}
