"use client";

import { useEffect, type ReactNode } from "react";
import { useWalletStack } from "./walletStackContext";

/**
 * For a page part built on wagmi's hooks throughout (a device's page, a fleet claim): the wallet stack loads as
 * the part mounts, and the part renders once it is there.
 */
export function WalletGate({ children }: { children: ReactNode }) {
  const { config, load } = useWalletStack();
  useEffect(load, [load]);
  // A placeholder of a card's height: the part's own loading states take over within a moment.
  return config ? children : <div aria-hidden className="h-28 animate-pulse rounded-lg border border-slate-200 bg-white" />;
}
