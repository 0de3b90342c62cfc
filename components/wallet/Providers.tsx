"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useMemo, useState, type ReactNode } from "react";
import { WagmiProvider, type State } from "wagmi";
import type { WalletUiOptions } from "./RainbowKitModals";
import { WalletModalsProvider } from "./walletModals";
import { createWagmiConfig } from "./wagmiConfig";
import { wagmiWallet } from "./wagmiWallet";
import { walletConnectors } from "./walletConnectors";
import { useWalletNames } from "./walletNames";
import { WalletStackContext } from "./walletStackContext";

export type { WalletUiOptions };

/**
 * The wallet stack loaded with the page, for a page that is nothing but a wallet flow (the embed route).
 * The site's pages use LazyWalletProviders instead.
 */
export function Providers({ children, initialState, ui }: { children: ReactNode; initialState: State | undefined; ui?: WalletUiOptions }) {
  // One config and one query cache per browser tab, created lazily so the server never shares them between requests.
  const names = useWalletNames();
  const [config] = useState(() => createWagmiConfig(walletConnectors(names)));
  const [queryClient] = useState(() => new QueryClient({ defaultOptions: { queries: { staleTime: 4_000, retry: 1 } } }));
  const stack = useMemo(() => ({ config, walletOn: (chainId: number) => wagmiWallet(config, chainId), load: () => {}, initialState }), [config, initialState]);
  return (
    <WagmiProvider config={config} initialState={initialState}>
      <QueryClientProvider client={queryClient}>
        <WalletStackContext value={stack}>
          <WalletModalsProvider ui={ui}>{children}</WalletModalsProvider>
        </WalletStackContext>
      </QueryClientProvider>
    </WagmiProvider>
  );
}
