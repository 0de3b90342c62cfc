"use client";

import { useTranslations } from "next-intl";
import { useMemo } from "react";

/** The words the connect dialog and the wallets show (group headings, the app's name), in the owner's language. */
export interface WalletNames {
  appName: string;
  groupPopular: string;
  groupTesting: string;
}

/** Kept apart from walletConnectors.ts so a page can word the wallet stack without loading it. */
export function useWalletNames(): WalletNames {
  const t = useTranslations("Wallet");
  return useMemo(() => ({ appName: t("appName"), groupPopular: t("groupPopular"), groupTesting: t("groupTesting") }), [t]);
}
