"use client";

import { RainbowKitProvider, lightTheme, type Locale, type Theme } from "@rainbow-me/rainbowkit";
import "@rainbow-me/rainbowkit/styles.css";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import type { Chain } from "viem";
import { WagmiProvider, type State } from "wagmi";
import { defaultChainConfig } from "@/lib/chain/config";
import { createWagmiConfig } from "./wagmiConfig";
import { walletConnectors } from "./walletConnectors";

/** What a page may change about the wallet UI (the embed route: a host's theme, language and chain). */
export interface WalletUiOptions {
  theme?: Theme | undefined;
  locale?: Locale | undefined;
  initialChain?: Chain | undefined;
  modalSize?: "compact" | "wide" | undefined;
}

export function Providers({ children, initialState, ui = {} }: { children: ReactNode; initialState: State | undefined; ui?: WalletUiOptions }) {
  // One config and one query cache per browser tab, created lazily so the server never shares them between requests.
  const [config] = useState(() => createWagmiConfig(walletConnectors()));
  const [queryClient] = useState(() => new QueryClient({ defaultOptions: { queries: { staleTime: 4_000, retry: 1 } } }));
  return (
    <WagmiProvider config={config} initialState={initialState}>
      <QueryClientProvider client={queryClient}>
        <RainbowKitProvider
          initialChain={ui.initialChain ?? defaultChainConfig.chain}
          theme={ui.theme ?? lightTheme({ accentColor: "#059669", borderRadius: "medium" })}
          locale={ui.locale}
          modalSize={ui.modalSize}
          appInfo={{ appName: "ioID Device Wallet" }}
        >
          {children}
        </RainbowKitProvider>
      </QueryClientProvider>
    </WagmiProvider>
  );
}
