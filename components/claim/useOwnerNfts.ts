"use client";

import { useQuery } from "@tanstack/react-query";
import type { Address, Client } from "viem";
import type { ChainConfig } from "@/lib/chain/config";
import { browserCursorStore } from "@/components/ui/browserCursorStore";

/** The owner's device NFTs on the connected chain, grouped by project; cursors kept in localStorage. */
export function useOwnerNfts(client: Client | undefined, chainConfig: ChainConfig | undefined, owner: Address | undefined) {
  return useQuery({
    queryKey: ["owner-nfts", chainConfig?.chain.id, owner],
    enabled: Boolean(client && chainConfig && owner),
    queryFn: async () => {
      const { discoverOwnerNFTs, publicClientOf } = await import("./verifier");
      return discoverOwnerNFTs(publicClientOf(client!), {
        chainId: chainConfig!.chain.id,
        owner: owner!,
        contracts: chainConfig!.contracts,
        multicall3: chainConfig!.multicall3,
        configured: chainConfig!.deviceNFTs.map((n) => n.address),
        startBlock: chainConfig!.logsFromBlock,
        store: browserCursorStore(),
      });
    },
    staleTime: 30_000,
  });
}
