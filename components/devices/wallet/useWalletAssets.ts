"use client";

import { useQuery } from "@tanstack/react-query";
import { usePublicClient } from "wagmi";
import type { ChainConfig } from "@/lib/chain/config";
import type { CursorStore } from "@/lib/chain/logScan";
import type { DeviceView } from "@/lib/chain/devices";
import { readWalletAssets } from "@/lib/deviceWallet/assets";
import { readWalletMarkers } from "@/lib/deviceWallet/markers";
import { deviceQueryKeys } from "../useDeviceReads";

/** Scan cursors live in localStorage; where storage is off, every visit scans from the start (slower, not wrong). */
export function browserStore(): CursorStore | undefined {
  try {
    return typeof window === "undefined" ? undefined : window.localStorage;
  } catch {
    return undefined;
  }
}

const scopeOf = (c: ChainConfig) => ({ chainId: c.chain.id, fromBlock: c.logsFromBlock, multicall3: c.multicall3, store: browserStore() });

/**
 * What the device wallet holds. Keyed under the device queries, so any write the page makes (a send, a transfer)
 * refreshes it. `deviceTokenId`: the device NFT's id where the page knows it; `ready`: once that is settled.
 */
export function useWalletAssets(view: DeviceView, chainConfig: ChainConfig, deviceTokenId: bigint | undefined, ready: boolean) {
  const client = usePublicClient({ chainId: chainConfig.chain.id });
  const deviceNFT = view.deviceNFT && deviceTokenId !== undefined ? { contract: view.deviceNFT.contract, tokenId: deviceTokenId } : undefined;
  return useQuery({
    queryKey: [...deviceQueryKeys.all, "wallet-assets", chainConfig.chain.id, view.wallet, deviceNFT?.tokenId.toString()],
    enabled: Boolean(client && view.wallet && ready),
    queryFn: () => readWalletAssets(client!, { ...scopeOf(chainConfig), wallet: view.wallet!, deviceNFT }),
  });
}

/** The list's token markers: after the list's own reads, never in their way. */
export function useWalletMarkers(items: DeviceView[] | undefined, chainConfig: ChainConfig) {
  const client = usePublicClient({ chainId: chainConfig.chain.id });
  const wallets = (items ?? []).flatMap((d) => (d.wallet ? [{ wallet: d.wallet, deviceNFT: d.deviceNFT?.contract }] : []));
  return useQuery({
    queryKey: [...deviceQueryKeys.all, "wallet-markers", chainConfig.chain.id, wallets.map((w) => w.wallet)],
    enabled: Boolean(client && wallets.length > 0),
    queryFn: () => readWalletMarkers(client!, wallets, scopeOf(chainConfig)),
  });
}

