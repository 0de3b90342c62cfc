"use client";

import { QueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { reconnect } from "wagmi/actions";
import { createWagmiConfig, type WagmiConfig } from "./wagmiConfig";
import { wagmiWallet } from "./wagmiWallet";
import { walletConnectors } from "./walletConnectors";
import type { WalletNames } from "./walletNames";
import type { WalletStack } from "./walletStackContext";

/** The part of the wallet stack no page needs for its first paint: loaded by LazyWalletProviders. */
export interface LoadedWalletStack {
  config: WagmiConfig;
  queryClient: QueryClient;
  walletOn: NonNullable<WalletStack["walletOn"]>;
}

/**
 * Created in the browser only, after the page has hydrated: wagmi restores its state from the cookie at once
 * (no server state to hydrate against any more) and the remembered wallet reconnects when `WalletStackStart` mounts.
 */
export function createWalletStack(names: WalletNames): LoadedWalletStack {
  const config = createWagmiConfig(walletConnectors(names), { ssr: false });
  return {
    config,
    queryClient: new QueryClient({ defaultOptions: { queries: { staleTime: 4_000, retry: 1 } } }),
    walletOn: (chainId) => wagmiWallet(config, chainId),
  };
}

/** Mounted beside the page (not around it): what WagmiProvider and QueryClientProvider do on mount. */
export function WalletStackStart({ stack }: { stack: LoadedWalletStack }) {
  useEffect(() => {
    stack.queryClient.mount();
    void reconnect(stack.config);
    return () => stack.queryClient.unmount();
  }, [stack]);
  return null;
}
