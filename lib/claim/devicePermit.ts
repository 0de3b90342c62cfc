import type { Address, PublicClient } from "viem";
import { ioIDRegistryAbi } from "../chain/abi";
import { permitDigestFromDomainSeparator } from "../device/permit";
import type { DeviceSession } from "../device/session";
import { recoverDeviceSignature, type DeviceSignature } from "../device/signature";

// register, update and remove all need the device's consent: a Permit(owner = the connected account,
// nonce = nonces(device)) signed by the device key. The nonce is read here, and only here, outside the
// claim's one-call preflight.

type Reader = Pick<PublicClient, "readContract">;

/** The registry's nonce for the device: what the next Permit must carry. */
export function readDeviceNonce(client: Reader, registry: Address, device: Address): Promise<bigint> {
  return client.readContract({ address: registry, abi: ioIDRegistryAbi, functionName: "nonces", args: [device] });
}

/**
 * Reads the nonce and the registry's own domain separator right before signing (the separator is fixed at
 * deploy time, so it is right even on a fork), has the device sign, and recovers v against the device address.
 * The nonce comes back with it: the plan is bound to it (planBinding.ts).
 */
export async function signDevicePermit(
  client: Reader,
  { session, registry, device, owner }: { session: DeviceSession; registry: Address; device: Address; owner: Address },
): Promise<{ signature: DeviceSignature; nonce: bigint }> {
  const [nonce, separator] = await Promise.all([
    readDeviceNonce(client, registry, device),
    client.readContract({ address: registry, abi: ioIDRegistryAbi, functionName: "DOMAIN_SEPARATOR" }),
  ]);
  const digest = permitDigestFromDomainSeparator(separator, owner, nonce);
  const rs = await session.sign(digest);
  return { signature: recoverDeviceSignature({ digest, rs, device }), nonce };
}
