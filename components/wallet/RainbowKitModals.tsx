"use client";

import {
  darkTheme,
  lightTheme,
  RainbowKitProvider,
  useAccountModal,
  useChainModal,
  useConnectModal,
  type Locale,
} from "@rainbow-me/rainbowkit";
import "@rainbow-me/rainbowkit/styles.css";
import { useTranslations } from "next-intl";
import { useEffect } from "react";
import { defaultChainConfig, getChainConfig } from "@/lib/chain/config";
import { brandPalette } from "@/tailwind.config";

/** What a page may change about the wallet dialogs (the embed route: a host's theme, accent, language and chain). */
export interface WalletUiOptions {
  theme?: "light" | "dark" | undefined;
  /** A validated `#rrggbb`. */
  accent?: string | undefined;
  /** A BCP 47 tag; RainbowKit's nearest language is used, else English. */
  locale?: string | undefined;
  chainId?: number | undefined;
  modalSize?: "compact" | "wide" | undefined;
}

/** Each is undefined while it makes no sense (no account dialog while disconnected, no connect dialog after). */
export interface ModalOpeners {
  connect: (() => void) | undefined;
  account: (() => void) | undefined;
  chain: (() => void) | undefined;
}

const rainbowLocales = [
  "ar", "ar-AR", "de", "de-DE", "en", "en-US", "es", "es-419", "fr", "fr-FR", "hi", "hi-IN", "id", "id-ID", "ja", "ja-JP",
  "ko", "ko-KR", "ms", "ms-MY", "pt", "pt-BR", "ru", "ru-RU", "th", "th-TH", "tr", "tr-TR", "uk-UA", "vi", "vi-VN",
  "zh", "zh-CN", "zh-HK", "zh-TW",
] as const satisfies readonly Locale[];

/** A language tag as one RainbowKit speaks (exact tag, else its language), else undefined (English). */
function rainbowLocale(tag: string | undefined): Locale | undefined {
  if (!tag) return undefined;
  const lower = tag.toLowerCase();
  return rainbowLocales.find((l) => l.toLowerCase() === lower) ?? rainbowLocales.find((l) => l === lower.split("-")[0]);
}

function Openers({ onOpeners }: { onOpeners: (openers: ModalOpeners) => void }) {
  const { openConnectModal } = useConnectModal();
  const { openAccountModal } = useAccountModal();
  const { openChainModal } = useChainModal();
  useEffect(() => {
    onOpeners({ connect: openConnectModal, account: openAccountModal, chain: openChainModal });
  }, [onOpeners, openConnectModal, openAccountModal, openChainModal]);
  return null;
}

export default function RainbowKitModals({ ui = {}, onOpeners }: { ui: WalletUiOptions | undefined; onOpeners: (openers: ModalOpeners) => void }) {
  const t = useTranslations("Wallet");
  const theme = (ui.theme === "dark" ? darkTheme : lightTheme)({ accentColor: ui.accent ?? brandPalette[600], borderRadius: "medium" });
  return (
    <RainbowKitProvider
      initialChain={getChainConfig(ui.chainId ?? defaultChainConfig.chain.id)?.chain ?? defaultChainConfig.chain}
      theme={theme}
      locale={rainbowLocale(ui.locale)}
      modalSize={ui.modalSize}
      appInfo={{ appName: t("appName") }}
    >
      <Openers onOpeners={onOpeners} />
    </RainbowKitProvider>
  );
}
