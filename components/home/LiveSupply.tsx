"use client";

import { useReadContract } from "wagmi";
import { ioIDAbi } from "@/lib/chain/abi";
import type { ChainConfig } from "@/lib/chain/config";

/** The ioID count of the wallet's chain, read through wagmi (NetworkStatus.tsx loads this once the wallet stack is up). */
export default function LiveSupply({ chainConfig, show }: { chainConfig: ChainConfig; show: (supply: bigint | undefined) => string }) {
  const supply = useReadContract({ address: chainConfig.contracts.ioID, abi: ioIDAbi, functionName: "totalSupply", chainId: chainConfig.chain.id });
  return supply.isPending ? "…" : show(supply.isError ? undefined : supply.data);
}
