import type { Address, Hex } from "viem";
import devnet from "../../lib/chain/deployments/devnet.json" with { type: "json" };
import { encodeClaimPayload } from "../../lib/claim/input/encode";
import { type ClaimPayloadV1 } from "../../lib/claim/input/types";
import { permitDigest } from "../../lib/device/permit";
import { createVirtualDevice, type VirtualDevice } from "../../lib/device/simulated/virtualDevice";
import { startVirtualDeviceServer, type VirtualDeviceServer, type VirtualDeviceServerOptions } from "../../scripts/device/server";

export const devnetDeployment = devnet;
export const account0 = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266" as Address;
export const account1 = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8" as Address;

/** A simulated ioConnect device on a free loopback port, closed after the test. */
export async function withVirtualDevice<T>(
  seed: string,
  run: (server: VirtualDeviceServer) => Promise<T>,
  variant: Pick<VirtualDeviceServerOptions, "https" | "emptyD"> = {},
): Promise<T> {
  const server = await startVirtualDeviceServer({ port: 0, host: "127.0.0.1", seed, ...variant });
  try {
    return await run(server);
  } finally {
    await server.close();
  }
}

/** A claim payload the device signed in advance, as a factory could print it on a label. */
export function preSignedPayload(
  seed: string,
  permit: { owner?: Address; nonce?: bigint; chainId?: number; registry?: Address } = {},
  extra: Partial<ClaimPayloadV1> = {},
): string {
  return preSignedPayloadOf(createVirtualDevice({ seed }), permit, extra);
}

/** The same for a given device (one registered from Node, say, that signs again for its next nonce). */
export function preSignedPayloadOf(
  device: VirtualDevice,
  permit: { owner?: Address; nonce?: bigint; chainId?: number; registry?: Address } = {},
  extra: Partial<ClaimPayloadV1> = {},
): string {
  const params = {
    owner: permit.owner ?? account0,
    nonce: permit.nonce ?? 0n,
    chainId: permit.chainId ?? devnet.chainId,
    registry: permit.registry ?? (devnet.ioIDRegistry as Address),
  };
  const { sign } = device.sign(permitDigest(params));
  return encodeClaimPayload({
    v: 1,
    did: device.did,
    puk: device.publicKey,
    chainId: params.chainId,
    registry: params.registry,
    owner: params.owner,
    nonce: params.nonce.toString(),
    sig: sign as Hex,
    ...extra,
  });
}
