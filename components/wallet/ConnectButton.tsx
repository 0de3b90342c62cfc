"use client";

import { useTranslations } from "next-intl";
import type { Chain } from "viem";
import { buttonClass } from "@/components/ui/Card";
import { getChainConfig } from "@/lib/chain/config";
import { useWalletModals } from "./walletModals";
import { useWalletAccount } from "./walletStackContext";

/**
 * The wallet button: "Connect Wallet", or the network and the account once connected. Ours rather than
 * RainbowKit's so that it renders without RainbowKit loaded; its dialogs open from here (walletModals.tsx).
 * It reads the account without wagmi (walletStackContext.ts): the header costs no wallet code until used.
 */
export function ConnectButton({ showChain = true }: { showChain?: boolean }) {
  const t = useTranslations("Wallet");
  const { address, chainId } = useWalletAccount();
  const { open, preload } = useWalletModals();
  const intent = { onPointerEnter: preload, onFocus: preload, onTouchStart: preload };

  // While reconnecting, the address is already known (from the cookie): show it rather than flash "Connect".
  if (!address) {
    return (
      <button type="button" className={buttonClass.primary} onClick={() => open("connect")} {...intent}>
        {t("connect")}
      </button>
    );
  }
  // wagmi's chains are the app's chain configs (wagmiConfig.ts).
  const chain = chainId === undefined ? undefined : getChainConfig(chainId)?.chain;
  return (
    <div className="flex items-center gap-2">
      {!chain ? (
        <button type="button" className={`${buttonClass.primary} bg-red-600 hover:bg-red-700`} onClick={() => open("chain")} {...intent}>
          {t("wrongNetwork")}
        </button>
      ) : (
        showChain && <ChainButton chain={chain} onClick={() => open("chain")} intent={intent} />
      )}
      <button
        type="button"
        className={`${buttonClass.secondary} font-mono text-sm`}
        title={address}
        onClick={() => open("account")}
        {...intent}
      >
        {/* The name is the visible text (WCAG 2.5.3, label in name); the full address is the title. */}
        <span className="sr-only">{t("account")}</span>
        {/* At 360 px the header has room for "0x12…cdef" only. */}
        {address.slice(0, 4)}
        <span className="hidden sm:inline">{address.slice(4, 6)}</span>…{address.slice(-4)}
      </button>
    </div>
  );
}

function ChainButton({ chain, onClick, intent }: { chain: Chain; onClick: () => void; intent: Record<string, () => void> }) {
  const t = useTranslations("Wallet");
  const iconUrl = (chain as Chain & { iconUrl?: string }).iconUrl;
  return (
    <button type="button" className={`${buttonClass.secondary} hidden px-2 sm:inline-flex`} aria-label={t("network", { name: chain.name })} title={chain.name} onClick={onClick} {...intent}>
      {iconUrl ? (
        // eslint-disable-next-line @next/next/no-img-element -- a 24 px local SVG: nothing for next/image to optimise
        <img src={iconUrl} alt="" width={24} height={24} className="size-6" />
      ) : (
        <span aria-hidden className="size-6 text-center font-semibold">
          {chain.name.slice(0, 1)}
        </span>
      )}
    </button>
  );
}
