"use client";

import { useQuery } from "@tanstack/react-query";
import type { Address } from "viem";
import { usePublicClient } from "wagmi";
import { getChainConfig, type ChainConfig } from "@/lib/chain/config";
import { readHeldDeviceNFTs, readRegistration } from "@/lib/chain/deviceLogs";
import { DEVICE_PAGE_SIZE, readDevicesByAddresses, readDevicesByIds, readOwnedDevicesPage, type DeviceView } from "@/lib/chain/devices";
import type { DeviceRef } from "@/lib/did/didIo";
import { checkDataUriDocument, type HashCheck } from "@/lib/did/hashCheck";
import type { DidResolutionResult } from "@/lib/did/resolutionResult";

/** Owners beyond this many ioIDs still see everything, one page at a time; this bounds one background read. */
const PREFETCH_MAX = 5_000;

export const deviceQueryKeys = {
  all: ["devices"] as const,
  resolution: ["did-resolution"] as const,
};

function useClient(chainConfig: ChainConfig | undefined) {
  const client = usePublicClient({ chainId: chainConfig?.chain.id });
  return chainConfig ? client : undefined;
}

/**
 * The owner's ioIDs: the first page alone (one round trip), then everything up to PREFETCH_MAX in one more
 * batched round trip, so paging and searching need no further reads.
 */
export function useOwnedDevices(owner: Address | undefined, chainConfig: ChainConfig | undefined, page: number) {
  const client = useClient(chainConfig);
  const registry = chainConfig?.contracts.ioIDRegistry;
  const chainId = chainConfig?.chain.id;
  const multicall3 = chainConfig?.multicall3;
  const first = useQuery({
    queryKey: [...deviceQueryKeys.all, "owned", chainId, owner, "first"],
    enabled: Boolean(client && owner && registry),
    // Coming back from a claim must show the new ioID: the cached list stays on screen while this reads.
    refetchOnMount: "always",
    queryFn: () => readOwnedDevicesPage(client!, { registry: registry!, owner: owner!, offset: 0, limit: DEVICE_PAGE_SIZE, multicall3 }),
  });
  const total = first.data?.total ?? 0;
  const prefetched = Math.min(total, PREFETCH_MAX);
  const rest = useQuery({
    queryKey: [...deviceQueryKeys.all, "owned", chainId, owner, "rest", first.data?.blockNumber.toString(), prefetched],
    enabled: Boolean(first.data && prefetched > DEVICE_PAGE_SIZE),
    queryFn: async () => (await readOwnedDevicesPage(client!, { registry: registry!, owner: owner!, offset: DEVICE_PAGE_SIZE, limit: prefetched - DEVICE_PAGE_SIZE, multicall3 })).items,
  });
  const beyond = page * DEVICE_PAGE_SIZE >= PREFETCH_MAX;
  const far = useQuery({
    queryKey: [...deviceQueryKeys.all, "owned", chainId, owner, "page", page],
    enabled: Boolean(first.data && beyond),
    queryFn: () => readOwnedDevicesPage(client!, { registry: registry!, owner: owner!, offset: page * DEVICE_PAGE_SIZE, limit: DEVICE_PAGE_SIZE, multicall3 }),
  });
  const loaded: DeviceView[] = [...(first.data?.items ?? []), ...(rest.data ?? [])];
  const items = beyond ? far.data?.items : page === 0 ? first.data?.items : loaded.length > page * DEVICE_PAGE_SIZE ? loaded.slice(page * DEVICE_PAGE_SIZE, (page + 1) * DEVICE_PAGE_SIZE) : undefined;
  return {
    total,
    pages: Math.max(1, Math.ceil(total / DEVICE_PAGE_SIZE)),
    items,
    first,
    /** Loading a page other than the first. */
    pagePending: Boolean(first.data && !items && (rest.isPending || far.isPending)),
    error: first.error ?? (items ? null : (rest.error ?? far.error)),
    refetch: () => Promise.all([first.refetch(), rest.refetch()]),
  };
}

/** Which device-NFT token each wallet on screen holds, for collections the lens cannot enumerate. */
export function useHeldTokens(items: DeviceView[] | undefined, chainConfig: ChainConfig | undefined) {
  const client = useClient(chainConfig);
  const unknown = (items ?? []).filter((d) => d.wallet && d.deviceNFT && d.deviceNFT.held > 0n && d.deviceNFT.tokenId === undefined);
  const wallets = unknown.map((d) => d.wallet!);
  const contracts = unknown.map((d) => d.deviceNFT!.contract);
  return useQuery({
    queryKey: [...deviceQueryKeys.all, "held", chainConfig?.chain.id, wallets],
    enabled: Boolean(client && chainConfig && wallets.length > 0),
    queryFn: () => readHeldDeviceNFTs(client!, { contracts, wallets, fromBlock: chainConfig!.logsFromBlock }),
  });
}

export function useDeviceView(ref: DeviceRef, chainConfig: ChainConfig | undefined) {
  const client = useClient(chainConfig);
  const registry = chainConfig?.contracts.ioIDRegistry;
  return useQuery({
    queryKey: [...deviceQueryKeys.all, "one", chainConfig?.chain.id, ref.kind === "token" ? ref.id.toString() : ref.address],
    enabled: Boolean(client && registry),
    queryFn: async () => {
      const options = { registry: registry!, multicall3: chainConfig!.multicall3 };
      const page = ref.kind === "token" ? await readDevicesByIds(client!, { ...options, ids: [ref.id] }) : await readDevicesByAddresses(client!, { ...options, devices: [ref.address] });
      return { view: page.items[0]!, blockNumber: page.blockNumber };
    },
  });
}

export function useRegistration(device: Address | undefined, chainConfig: ChainConfig | undefined) {
  const client = useClient(chainConfig);
  return useQuery({
    queryKey: [...deviceQueryKeys.all, "registration", chainConfig?.chain.id, device],
    enabled: Boolean(client && chainConfig && device),
    queryFn: async () => (await readRegistration(client!, { registry: chainConfig!.contracts.ioIDRegistry, device: device!, fromBlock: chainConfig!.logsFromBlock })) ?? null,
  });
}

/** The app's own resolver: the server fetches remote documents with SSRF rules the browser cannot apply. */
export async function fetchResolution(did: string, chainId: number, includeRaw: boolean): Promise<DidResolutionResult> {
  const response = await fetch(`/1.0/identifiers/${encodeURIComponent(did)}?chainId=${chainId}${includeRaw ? "&raw=1" : ""}`, {
    headers: { accept: "application/did-resolution" },
  });
  const contentType = response.headers.get("content-type") ?? "";
  if (!contentType.startsWith("application/did-resolution")) throw new Error(`The resolver answered HTTP ${response.status}.`);
  return (await response.json()) as DidResolutionResult;
}

/** Keyed by the on-chain hash and URI, like the server cache: an update is a different key. */
export function useResolution(view: DeviceView | undefined, chainId: number | undefined, includeRaw: boolean) {
  const uriKey = view?.documentURI.state === "ok" ? view.documentURI.uri.length : view?.documentURI.state;
  return useQuery({
    queryKey: [...deviceQueryKeys.resolution, chainId, view?.did, view?.documentHash, uriKey, view?.nonce.toString(), includeRaw],
    enabled: Boolean(view?.did && chainId !== undefined),
    queryFn: () => fetchResolution(view!.did!, chainId!, includeRaw),
    staleTime: 60_000,
  });
}

/** A row's document verdict: computed in the browser for data: URIs, asked of the resolver otherwise. */
export function useDocumentCheck(view: DeviceView, chainId: number): { check: HashCheck | undefined; pending: boolean; error: boolean } {
  const registry = getChainConfig(chainId)?.contracts.ioIDRegistry;
  const context = view.device && registry ? { device: view.device, chainId, registry, owner: view.owner, nonce: view.nonce } : undefined;
  const local = view.documentHash && view.documentURI.state === "ok" ? checkDataUriDocument(view.documentURI.uri, view.documentHash, context) : undefined;
  const remote = useResolution(local || !view.registered ? undefined : view, chainId, false);
  if (local) return { check: local, pending: false, error: false };
  const hashCheck = remote.data?.didResolutionMetadata.hashCheck;
  return { check: hashCheck, pending: remote.isPending && remote.fetchStatus !== "idle", error: remote.isError };
}
