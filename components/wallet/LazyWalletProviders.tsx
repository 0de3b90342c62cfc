"use client";

import { QueryClientContext } from "@tanstack/react-query";
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { WagmiContext, type State } from "wagmi";
import type { WalletUiOptions } from "./RainbowKitModals";
import { WalletModalsProvider } from "./walletModals";
import { useWalletNames } from "./walletNames";
import type { LoadedWalletStack, WalletStackStart } from "./walletStack";
import { WalletStackContext } from "./walletStackContext";

/**
 * The site's wallet providers, without the wallet stack on first load: wagmi, viem, the connectors and
 * react-query boot only when something needs them (a wallet button is pointed at, a wallet was connected
 * before, a page part asks with `useWalletStack().load()`), so pages render and hydrate without them.
 * The contexts are there from the start, empty until then, so the page is never remounted when the stack
 * arrives; parts that call wagmi hooks render only once `useWalletStack().config` is set.
 */
export function LazyWalletProviders({ children, initialState, ui }: { children: ReactNode; initialState: State | undefined; ui?: WalletUiOptions }) {
  const [loaded, setLoaded] = useState<{ stack: LoadedWalletStack; Start: typeof WalletStackStart }>();
  const stack = loaded?.stack;
  const loading = useRef(false);
  const names = useWalletNames();
  const load = useCallback(() => {
    if (loading.current) return;
    loading.current = true;
    import("./walletStack").then(
      (m) => setLoaded({ stack: m.createWalletStack(names), Start: m.WalletStackStart }),
      // A failed chunk load (offline, a deploy in between): the next intent tries again.
      () => {
        loading.current = false;
      },
    );
  }, [names]);
  // A wallet connected before: reconnect it straight away, as the server rendered its account.
  useEffect(() => {
    if (initialState) load();
  }, [initialState, load]);
  const value = useMemo(() => ({ config: stack?.config, walletOn: stack?.walletOn, load, initialState }), [stack, load, initialState]);

  return (
    <WagmiContext value={stack?.config}>
      <QueryClientContext value={stack?.queryClient}>
        <WalletStackContext value={value}>
          <WalletModalsProvider ui={ui}>{children}</WalletModalsProvider>
          {loaded && <loaded.Start stack={loaded.stack} />}
        </WalletStackContext>
      </QueryClientContext>
    </WagmiContext>
  );
}
