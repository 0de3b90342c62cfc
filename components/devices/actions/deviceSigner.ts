"use client";

import { isAddressEqual, type Address, type PublicClient } from "viem";
import { ioIDRegistryAbi } from "@/lib/chain/abi";
import { createHttpDeviceSession } from "@/lib/device/httpSession";
import { permitDigestFromDomainSeparator } from "@/lib/device/permit";
import type { DeviceSession } from "@/lib/device/session";
import { recoverDeviceSignature, type DeviceSignature } from "@/lib/device/signature";

// update and remove need the device's consent, exactly like register: a fresh Permit(owner = the connected
// account, nonce = nonces(device)) signed by the device key. Any device session can give it.

export function openHttpSession(endpoint: string): DeviceSession {
  return createHttpDeviceSession(endpoint);
}

/** Checks the session speaks for this device; closes it and throws otherwise. */
export async function checkSessionDevice(session: DeviceSession, device: Address): Promise<void> {
  const identity = await session.identify();
  if (!isAddressEqual(identity.address, device)) {
    await session.close();
    throw new Error(`This is device ${identity.address}, not ${device}. Connect to the device this ioID belongs to.`);
  }
}

/**
 * Reads the nonce and the registry's own domain separator right before signing (the separator is fixed at
 * deploy time, so it is right even on a fork), has the device sign, and recovers v against the device address.
 */
export async function signDevicePermit(
  client: Pick<PublicClient, "readContract">,
  { session, registry, device, owner }: { session: DeviceSession; registry: Address; device: Address; owner: Address },
): Promise<DeviceSignature> {
  const [nonce, separator] = await Promise.all([
    client.readContract({ address: registry, abi: ioIDRegistryAbi, functionName: "nonces", args: [device] }),
    client.readContract({ address: registry, abi: ioIDRegistryAbi, functionName: "DOMAIN_SEPARATOR" }),
  ]);
  const digest = permitDigestFromDomainSeparator(separator, owner, nonce);
  const rs = await session.sign(digest);
  return recoverDeviceSignature({ digest, rs, device });
}
