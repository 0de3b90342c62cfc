import { isAddressEqual, type Address } from "viem";

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
export function bindingChange(checked: PlanBinding | undefined, now: Omit<PlanBinding, "nonce"> & { nonce?: bigint | undefined }): string | undefined {
  if (!checked) return "The checks have not run for this claim yet.";
  if (checked.chainId !== now.chainId) return `Your wallet moved from chain ${checked.chainId} to chain ${now.chainId} since the checks.`;
  if (!isAddressEqual(checked.owner, now.owner)) return `Your wallet switched from account ${checked.owner} to ${now.owner} since the checks.`;
  if (!isAddressEqual(checked.registry, now.registry)) return "The ioID registry of this network changed since the checks.";
  if (now.nonce !== undefined && checked.nonce !== undefined && checked.nonce !== now.nonce) return "The device's registry nonce changed since the checks (it signed or was registered elsewhere).";
  return undefined;
}
