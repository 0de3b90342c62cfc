"use client";

import { useLocale, useTranslations } from "next-intl";
import { useState, type ReactNode } from "react";
import { formatUnits } from "viem";
import { explorerTxUrl, type ChainConfig } from "@/lib/chain/config";
import type { ShownEntry } from "@/lib/history/readHistory";
import { AddressText } from "@/components/ui/AddressText";
import { buttonClass } from "@/components/ui/Card";
import { shortHex } from "../links";
import { ReadError } from "../ReadError";
import { useDeviceHistory, type KnownSubject } from "./useDeviceHistory";

const titles = {
  registered: "registered",
  "document-updated": "documentUpdated",
  transferred: "transferred",
  "taken-over": "takenOver",
  removed: "removed",
  "wallet-in": "walletIn",
  "wallet-out": "walletOut",
} as const satisfies Record<ShownEntry["kind"], string>;

/** The device's life from contract events, newest first, one page at a time. */
export function DeviceHistory({ known, chainConfig }: { known: KnownSubject; chainConfig: ChainConfig }) {
  const t = useTranslations("History");
  const [page, setPage] = useState(0);
  const { shown, error, refetch } = useDeviceHistory(known, chainConfig, page);
  let body: ReactNode;
  if (error) body = <ReadError title={t("readError")} error={error} onRetry={refetch} />;
  else if (!shown.data) body = <p role="status" className="text-sm text-slate-600">{t("reading")}</p>;
  else if (shown.data.total === 0) body = <p className="text-sm text-slate-600">{t("none")}</p>;
  else {
    const { entries, pages, total } = shown.data;
    body = (
      <>
        <ol className="space-y-2" aria-label={t("listLabel")}>
          {entries.map((e) => (
            <HistoryItem key={`${e.tx}:${e.logIndex}`} entry={e} chainConfig={chainConfig} />
          ))}
        </ol>
        {pages > 1 && (
          <nav aria-label={t("pages")} className="mt-3 flex items-center justify-between gap-2">
            <button type="button" className={buttonClass.secondary} disabled={page === 0} onClick={() => setPage(page - 1)}>
              {t("newer")}
            </button>
            <span className="text-sm text-slate-600">{t("pageOf", { page: page + 1, pages, total })}</span>
            <button type="button" className={buttonClass.secondary} disabled={page + 1 >= pages} onClick={() => setPage(page + 1)}>
              {t("older")}
            </button>
          </nav>
        )}
      </>
    );
  }
  return (
    <section aria-labelledby="history-heading" className="rounded-lg border border-slate-200 bg-white p-4" data-testid="device-history">
      <h2 id="history-heading" className="mb-3 font-semibold">
        {t("heading")}
      </h2>
      {body}
    </section>
  );
}

function HistoryItem({ entry: e, chainConfig }: { entry: ShownEntry; chainConfig: ChainConfig }) {
  const t = useTranslations("History");
  const locale = useLocale();
  const chainId = chainConfig.chain.id;
  const who = (address: string, label: string) => <AddressText address={address} label={label} chainId={chainId} short />;
  const link = explorerTxUrl(chainId, e.tx);
  let detail: ReactNode = null;
  if (e.kind === "registered") {
    detail = (
      <>
        <span className="flex flex-wrap items-center gap-1">{t.rich("owner", { who: () => who(e.owner, t("ownerLabel")) })}</span>
        {e.nft && <span>{t("nftMoved", { id: e.nft.tokenId.toString(), contract: shortHex(e.nft.contract, 4) })}</span>}
        <span className="font-mono">{t("documentHash", { hash: shortHex(e.hash) })}</span>
      </>
    );
  } else if (e.kind === "document-updated") {
    detail = (
      <span className="font-mono" data-testid="history-hashes">
        {e.previousHash ? shortHex(e.previousHash) : "?"} → {shortHex(e.hash)}
      </span>
    );
  } else if (e.kind === "transferred" || e.kind === "taken-over") {
    detail = (
      <span className="flex flex-wrap items-center gap-1">
        {t.rich("fromTo", { from: () => who(e.from, t("previousOwnerLabel")), to: () => who(e.to, t("newOwnerLabel")) })}
      </span>
    );
  } else if (e.kind === "removed") {
    detail = <span className="flex flex-wrap items-center gap-1">{t.rich("by", { who: () => who(e.by, t("ownerLabel")) })}</span>;
  } else {
    const what =
      e.amount !== undefined ? `${e.token?.decimals === undefined ? e.amount.toString() : formatUnits(e.amount, e.token.decimals)} ${e.token?.symbol ?? shortHex(e.contract, 4)}` : t("nftNumber", { name: e.token?.name ?? "NFT", id: e.tokenId?.toString() ?? "" });
    detail = (
      <span className="flex flex-wrap items-center gap-1">
        {e.kind === "wallet-in" ? t.rich("receivedFrom", { what, who: () => who(e.counterparty, t("senderLabel")) }) : t.rich("sentTo", { what, who: () => who(e.counterparty, t("recipientLabel")) })}
      </span>
    );
  }
  return (
    <li className="rounded-md border border-slate-200 p-3 text-sm" data-testid="history-entry" data-kind={e.kind} data-tx={e.tx}>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <span className="font-medium">{t(`kinds.${titles[e.kind]}`)}</span>
        <span className="text-xs text-slate-600">
          {e.time ? <time dateTime={e.time.toISOString()}>{t("utc", { time: e.time.toLocaleString(locale, { timeZone: "UTC", dateStyle: "medium", timeStyle: "short" }) })}</time> : t("timeUnknown")} · {t("block", { block: e.block.toString() })}
        </span>
      </div>
      <div className="mt-1 flex flex-col gap-1 text-xs">{detail}</div>
      <p className="mt-1 break-all font-mono text-xs">
        {t("transaction")}{" "}
        {link ? (
          <a className="text-brand-700 underline" href={link} target="_blank" rel="noopener noreferrer">
            {e.tx}
          </a>
        ) : (
          e.tx
        )}
      </p>
    </li>
  );
}
