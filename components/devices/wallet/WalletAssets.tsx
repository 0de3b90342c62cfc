"use client";

import { useTranslations } from "next-intl";
import { useState, type ReactNode } from "react";
import { formatUnits, isAddressEqual } from "viem";
import { useAccount } from "wagmi";
import type { ChainConfig } from "@/lib/chain/config";
import type { DeviceView } from "@/lib/chain/devices";
import { AddressText } from "@/components/ui/AddressText";
import { buttonClass } from "@/components/ui/Card";
import { useLocaleFormat } from "@/components/i18n/useLocaleFormat";
import { ReadError } from "../ReadError";
import { useHeldTokens } from "../useDeviceReads";
import { SendForm, type SendChoice } from "./SendForm";
import { useWalletAssets } from "./useWalletAssets";

/**
 * What the device wallet holds: IOTX, ERC-20 tokens and NFTs (its device NFT first). The ioID's owner, connected
 * on this chain, can send each out through the wallet's execute(); everyone else sees it read-only.
 */
export function WalletAssets({ view, chainConfig }: { view: DeviceView; chainConfig: ChainConfig }) {
  // The lens knows the device NFT's id for enumerable collections; Transfer logs tell it for the others.
  const held = useHeldTokens([view], chainConfig);
  const deviceTokenId = view.deviceNFT?.tokenId ?? (view.wallet ? held.data?.get(view.wallet)?.[0]?.tokenId : undefined);
  const assets = useWalletAssets(view, chainConfig, deviceTokenId, deviceTokenId !== undefined || !view.deviceNFT || !held.isPending);
  const t = useTranslations("DeviceWallet");
  const format = useLocaleFormat();
  const account = useAccount();
  const [sending, setSending] = useState<{ key: string; choice: SendChoice }>();
  if (!view.wallet) return null;
  const isOwner = Boolean(account.address && view.owner && isAddressEqual(account.address, view.owner));
  const canSend = isOwner && account.chainId === chainConfig.chain.id;

  const row = (key: string, label: ReactNode, choice: SendChoice, testId: string) => (
    <li key={key} className="rounded-md border border-slate-200 p-3" data-testid={testId}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div className="min-w-0 text-sm">{label}</div>
        {canSend && sending?.key !== key && (
          <button type="button" className={buttonClass.secondary} onClick={() => setSending({ key, choice })}>
            {t("send")}
          </button>
        )}
      </div>
      {canSend && sending?.key === key && (
        <div className="mt-3 border-t border-slate-200 pt-3">
          <SendForm choice={sending.choice} wallet={view.wallet!} device={view.device} owner={account.address!} chainConfig={chainConfig} onClose={() => setSending(undefined)} />
        </div>
      )}
    </li>
  );

  let body: ReactNode;
  if (assets.isPending) body = <p role="status" className="text-sm text-slate-600">{t("reading")}</p>;
  else if (assets.isError) body = <ReadError title={t("readError")} error={assets.error} onRetry={() => void assets.refetch()} />;
  else {
    const { iotx, tokens, nfts } = assets.data;
    body = (
      <ul className="space-y-2" aria-label={t("listLabel")}>
        {row("iotx", <span data-testid="asset-amount">{format.iotx(iotx)}</span>, { kind: "iotx", balance: iotx }, "asset-iotx")}
        {tokens.map((token) =>
          row(
            token.contract,
            <>
              <span data-testid="asset-amount">
                {formatUnits(token.balance, token.decimals)} {token.symbol ?? t("noSymbol")}
              </span>{" "}
              <span className="text-slate-600">{token.name}</span>
              {!token.listed && <span className="ml-1 rounded bg-amber-100 px-1 text-xs text-amber-900">{t("unlisted")}</span>}
              <AddressText address={token.contract} label={t("contractLabel", { name: token.symbol ?? t("tokenFallback") })} chainId={chainConfig.chain.id} short />
            </>,
            { kind: "erc20", token },
            "asset-token",
          ),
        )}
        {nfts.map((n) =>
          row(
            `${n.contract}:${n.tokenId}`,
            <>
              <span data-testid="asset-amount">
                {t("nftNumber", { name: n.name ?? t("nft"), id: n.tokenId.toString() })}
              </span>
              {n.isDeviceNFT && <span className="ml-1 rounded bg-brand-100 px-1 text-xs text-brand-700">{t("deviceNft")}</span>}
              <AddressText address={n.contract} label={t("contractLabel", { name: n.name ?? t("nft") })} chainId={chainConfig.chain.id} short />
            </>,
            { kind: "nft", nft: n },
            n.isDeviceNFT ? "asset-device-nft" : "asset-nft",
          ),
        )}
      </ul>
    );
  }
  return (
    <section aria-labelledby="assets-heading" className="rounded-lg border border-slate-200 bg-white p-4" data-testid="wallet-assets">
      <h2 id="assets-heading" className="mb-1 font-semibold">
        {t("heading")}
      </h2>
      <p className="mb-3 text-sm text-slate-600" data-testid="assets-access">
        {canSend ? t("canSend") : isOwner ? t("switchToSend", { chain: chainConfig.chain.name }) : t("readOnly")}
      </p>
      {body}
    </section>
  );
}
