import type { Address } from "viem";
import { claimLensAbi, claimLensBytecode, ioIDAbi, ioIDRegistryAbi } from "../../chain/abi";
import { lensOrPlain } from "../../chain/deployless";
import type { PreflightClient } from "../preflight";

/** Who holds a registered device's ioID, and its device wallet: what a take-over moves. */
export interface Holder {
  ioIDTokenId: bigint;
  holder: Address;
  wallet: Address;
  walletBalance: bigint;
}

/** undefined for a device without an ioID. One deployless call (ClaimLens.inspectHolder), else plain reads. */
export function readHolder(client: PreflightClient, registry: Address, device: Address): Promise<Holder | undefined> {
  return lensOrPlain(
    client,
    async () => {
      const s = await client.readContract({ abi: claimLensAbi, code: claimLensBytecode, functionName: "inspectHolder", args: [registry, device] });
      return s.ioIDTokenId === 0n ? undefined : { ioIDTokenId: s.ioIDTokenId, holder: s.holder, wallet: s.wallet, walletBalance: s.walletBalance };
    },
    async () => {
      const reg = { address: registry, abi: ioIDRegistryAbi } as const;
      const [exists, ioID] = await Promise.all([
        client.readContract({ ...reg, functionName: "exists", args: [device] }),
        client.readContract({ ...reg, functionName: "ioID" }),
      ]);
      if (!exists) return undefined;
      const ioIDTokenId = await client.readContract({ ...reg, functionName: "deviceTokenId", args: [device] });
      const [holder, [wallet]] = await Promise.all([
        client.readContract({ address: ioID, abi: ioIDAbi, functionName: "ownerOf", args: [ioIDTokenId] }),
        client.readContract({ address: ioID, abi: ioIDAbi, functionName: "wallet", args: [ioIDTokenId] }),
      ]);
      return { ioIDTokenId, holder, wallet, walletBalance: await client.getBalance({ address: wallet }) };
    },
  );
}
