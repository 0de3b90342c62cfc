import { isAddressEqual, type Address } from "viem";
import { text, type Text } from "../i18n/text";

/**
 * What a checked plan was checked for. A plan is sent only while all four still hold: another chain, account
 * or registry, or a nonce that moved (the device signed or was registered meanwhile), sends the checks again.
 */
export interface PlanBinding {
  chainId: number;
  owner: Address;
  registry: Address;
  /** The device's registry nonce the device signed for; undefined for calls without the device's consent. */
  nonce: bigint | undefined;
}

/** The first fact that differs, in the owner's words; undefined when the plan still holds. */
export function bindingChange(checked: PlanBinding | undefined, now: Omit<PlanBinding, "nonce"> & { nonce?: bigint | undefined }): Text | undefined {
  if (!checked) return text("ClaimFailure.binding.notChecked");
  if (checked.chainId !== now.chainId) return text("ClaimFailure.binding.chain", { from: checked.chainId, to: now.chainId });
  if (!isAddressEqual(checked.owner, now.owner)) return text("ClaimFailure.binding.account", { from: checked.owner, to: now.owner });
  if (!isAddressEqual(checked.registry, now.registry)) return text("ClaimFailure.binding.registry");
  if (now.nonce !== undefined && checked.nonce !== undefined && checked.nonce !== now.nonce) return text("ClaimFailure.binding.nonce");
  return undefined;
}
