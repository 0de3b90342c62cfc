"use client";

import { createContext, lazy, Suspense, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import type { ModalOpeners, WalletUiOptions } from "./RainbowKitModals";
import { useWalletStack } from "./walletStackContext";

export type WalletModal = keyof ModalOpeners;

interface WalletModalsContext {
  /** Opens a RainbowKit dialog, loading RainbowKit first if this is the first one. */
  open(modal: WalletModal): void;
  /** Starts loading RainbowKit (a pointer over or focus on a wallet button), so the click opens at once. */
  preload(): void;
}

const Context = createContext<WalletModalsContext | null>(null);

// RainbowKit's dialogs, themes and translations are ~95 KB gzip that no page needs before someone reaches for a
// wallet: they load on intent (hover, focus, click) and mount beside the page, not around it, so arriving
// later never remounts (and resets) what the page shows.
const RainbowKitModals = lazy(() => import("./RainbowKitModals"));

/**
 * The wallet dialogs, loaded on demand. Wallet connectors themselves are in the wagmi config from the start
 * (see walletStack.tsx), so a returning visitor reconnects without RainbowKit being loaded at all.
 */
export function WalletModalsProvider({ children, ui }: { children: ReactNode; ui: WalletUiOptions | undefined }) {
  const [wanted, setWanted] = useState(false);
  const [openers, setOpeners] = useState<ModalOpeners | null>(null);
  const pending = useRef<WalletModal | null>(null);
  // RainbowKit runs on wagmi: asking for a dialog loads the wallet stack too (LazyWalletProviders.tsx).
  const { config, load } = useWalletStack();

  useEffect(() => {
    const modal = pending.current;
    const openModal = modal && openers?.[modal];
    if (!openModal) return;
    pending.current = null;
    openModal();
  }, [openers]);

  const open = useCallback(
    (modal: WalletModal) => {
      const openModal = openers?.[modal];
      if (openModal) return openModal();
      // Not loaded yet, or the account changed a moment ago and RainbowKit has not caught up: open once it has.
      pending.current = modal;
      setWanted(true);
      load();
    },
    [openers, load],
  );
  const preload = useCallback(() => {
    setWanted(true);
    load();
  }, [load]);
  const value = useMemo(() => ({ open, preload }), [open, preload]);

  return (
    <Context.Provider value={value}>
      {children}
      {wanted && config && (
        <Suspense fallback={null}>
          <RainbowKitModals ui={ui} onOpeners={setOpeners} />
        </Suspense>
      )}
    </Context.Provider>
  );
}

export function useWalletModals(): WalletModalsContext {
  const context = useContext(Context);
  if (!context) throw new Error("useWalletModals() needs <WalletModalsProvider> (components/wallet/Providers.tsx) above it");
  return context;
}
