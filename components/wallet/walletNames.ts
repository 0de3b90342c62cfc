"use client";

import { useTranslations } from "next-intl";
import { useMemo } from "react";

/**
 * The app's name as wallets show it when asked to connect (WalletConnect and MetaMask metadata), in the owner's
 * language when the wallet stack loads. The connect dialog's own words follow RainbowKit's locale instead.
 */
export interface WalletNames {
  appName: string;
}

/** Kept apart from walletConnectors.ts so a page can word the wallet stack without loading it. */
export function useWalletNames(): WalletNames {
  const t = useTranslations("Wallet");
  return useMemo(() => ({ appName: t("appName") }), [t]);
}
