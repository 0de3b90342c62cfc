"use client";

import { useQuery } from "@tanstack/react-query";
import type { Address } from "viem";
import { usePublicClient } from "wagmi";
import type { ChainConfig } from "@/lib/chain/config";
import { readHistoryEntries, readHistoryPage, resolveSubject, type HistoryScope } from "@/lib/history/readHistory";
import { deviceQueryKeys } from "../useDeviceReads";
import { browserStore } from "../wallet/useWalletAssets";

export interface KnownSubject {
  device: Address | undefined;
  id: bigint | undefined;
  wallet: Address | undefined;
}

/** The device's history: who it is (once), every entry (scanned, cursor kept), then the page on screen. */
export function useDeviceHistory(known: KnownSubject, chainConfig: ChainConfig, page: number) {
  const chainId = chainConfig.chain.id;
  const client = usePublicClient({ chainId });
  const scope: HistoryScope = {
    chainId,
    registry: chainConfig.contracts.ioIDRegistry,
    ioID: chainConfig.contracts.ioID,
    fromBlock: chainConfig.logsFromBlock,
    multicall3: chainConfig.multicall3,
    store: browserStore(),
  };
  const base = [...deviceQueryKeys.all, "history", chainId, known.device, known.id?.toString(), known.wallet] as const;
  const subject = useQuery({
    queryKey: [...base, "subject"],
    enabled: Boolean(client && (known.device || known.id !== undefined)),
    queryFn: () => resolveSubject(client!, scope, known),
    staleTime: Infinity,
  });
  const entries = useQuery({
    queryKey: [...base, "entries"],
    enabled: Boolean(subject.data),
    queryFn: () => readHistoryEntries(client!, scope, subject.data!),
  });
  const shown = useQuery({
    queryKey: [...base, "page", page, entries.data?.length],
    enabled: Boolean(entries.data),
    queryFn: () => readHistoryPage(client!, scope, entries.data!, page),
    placeholderData: (previous) => previous,
  });
  return { shown, error: subject.error ?? entries.error ?? shown.error, refetch: () => void (subject.refetch(), entries.refetch()) };
}
