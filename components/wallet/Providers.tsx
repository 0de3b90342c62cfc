"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { WagmiProvider, type State } from "wagmi";
import type { WalletUiOptions } from "./RainbowKitModals";
import { WalletModalsProvider } from "./walletModals";
import { createWagmiConfig } from "./wagmiConfig";
import { walletConnectors } from "./walletConnectors";

export type { WalletUiOptions };

export function Providers({ children, initialState, ui }: { children: ReactNode; initialState: State | undefined; ui?: WalletUiOptions }) {
  // One config and one query cache per browser tab, created lazily so the server never shares them between requests.
  const [config] = useState(() => createWagmiConfig(walletConnectors()));
  const [queryClient] = useState(() => new QueryClient({ defaultOptions: { queries: { staleTime: 4_000, retry: 1 } } }));
  return (
    <WagmiProvider config={config} initialState={initialState}>
      <QueryClientProvider client={queryClient}>
        <WalletModalsProvider ui={ui}>{children}</WalletModalsProvider>
      </QueryClientProvider>
    </WagmiProvider>
  );
}
