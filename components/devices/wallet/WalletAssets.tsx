"use client";

import { useState, type ReactNode } from "react";
import { formatUnits, isAddressEqual } from "viem";
import { useAccount } from "wagmi";
import type { ChainConfig } from "@/lib/chain/config";
import type { DeviceView } from "@/lib/chain/devices";
import { formatIotx } from "@/lib/chain/formatIotx";
import { AddressText } from "@/components/ui/AddressText";
import { buttonClass } from "@/components/ui/Card";
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
            Send
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
  if (assets.isPending) body = <p role="status" className="text-sm text-slate-600">Reading the device wallet…</p>;
  else if (assets.isError) body = <ReadError title="The device wallet could not be read" error={assets.error} onRetry={() => void assets.refetch()} />;
  else {
    const { iotx, tokens, nfts } = assets.data;
    body = (
      <ul className="space-y-2" aria-label="Device wallet assets">
        {row("iotx", <span data-testid="asset-amount">{formatIotx(iotx)}</span>, { kind: "iotx", balance: iotx }, "asset-iotx")}
        {tokens.map((t) =>
          row(
            t.contract,
            <>
              <span data-testid="asset-amount">
                {formatUnits(t.balance, t.decimals)} {t.symbol ?? "(no symbol)"}
              </span>{" "}
              <span className="text-slate-600">{t.name}</span>
              {!t.listed && <span className="ml-1 rounded bg-amber-100 px-1 text-xs text-amber-900">not on the well-known list</span>}
              <AddressText address={t.contract} label={`${t.symbol ?? "token"} contract`} chainId={chainConfig.chain.id} short />
            </>,
            { kind: "erc20", token: t },
            "asset-token",
          ),
        )}
        {nfts.map((n) =>
          row(
            `${n.contract}:${n.tokenId}`,
            <>
              <span data-testid="asset-amount">
                {n.name ?? "NFT"} #{n.tokenId.toString()}
              </span>
              {n.isDeviceNFT && <span className="ml-1 rounded bg-brand-100 px-1 text-xs text-brand-700">device NFT</span>}
              <AddressText address={n.contract} label={`${n.name ?? "NFT"} contract`} chainId={chainConfig.chain.id} short />
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
        Device wallet assets
      </h2>
      <p className="mb-3 text-sm text-slate-600" data-testid="assets-access">
        {canSend
          ? "You own this ioID: you can send what its wallet holds. Every send is checked with the chain first."
          : isOwner
            ? `Switch your wallet to ${chainConfig.chain.name} to send from this device wallet.`
            : "Read-only: only the ioID's owner can move what its device wallet holds."}
      </p>
      {body}
    </section>
  );
}
