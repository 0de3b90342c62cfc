"use client";

import { RainbowKitProvider, lightTheme } from "@rainbow-me/rainbowkit";
import "@rainbow-me/rainbowkit/styles.css";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { WagmiProvider, type State } from "wagmi";
import { defaultChainConfig } from "@/lib/chain/config";
import { createWagmiConfig } from "./wagmiConfig";
import { walletConnectors } from "./walletConnectors";

export function Providers({ children, initialState }: { children: ReactNode; initialState: State | undefined }) {
  // One config and one query cache per browser tab, created lazily so the server never shares them between requests.
  const [config] = useState(() => createWagmiConfig(walletConnectors()));
  const [queryClient] = useState(() => new QueryClient({ defaultOptions: { queries: { staleTime: 4_000, retry: 1 } } }));
  return (
    <WagmiProvider config={config} initialState={initialState}>
      <QueryClientProvider client={queryClient}>
        <RainbowKitProvider
          initialChain={defaultChainConfig.chain}
          theme={lightTheme({ accentColor: "#059669", borderRadius: "medium" })}
          appInfo={{ appName: "ioID Device Wallet" }}
        >
          {children}
        </RainbowKitProvider>
      </QueryClientProvider>
    </WagmiProvider>
  );
}
