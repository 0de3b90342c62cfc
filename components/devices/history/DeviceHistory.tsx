"use client";

import { useState, type ReactNode } from "react";
import { formatUnits } from "viem";
import { explorerTxUrl, type ChainConfig } from "@/lib/chain/config";
import type { ShownEntry } from "@/lib/history/readHistory";
import { AddressText } from "@/components/ui/AddressText";
import { buttonClass } from "@/components/ui/Card";
import { shortHex } from "../links";
import { ReadError } from "../ReadError";
import { useDeviceHistory, type KnownSubject } from "./useDeviceHistory";

const titles: Record<ShownEntry["kind"], string> = {
  registered: "Registered",
  "document-updated": "Document updated",
  transferred: "ioID transferred",
  "taken-over": "Taken over with the device's signature (migrate)",
  removed: "Registration removed",
  "wallet-in": "Received by the device wallet",
  "wallet-out": "Sent from the device wallet",
};

/** The device's life from contract events, newest first, one page at a time. */
export function DeviceHistory({ known, chainConfig }: { known: KnownSubject; chainConfig: ChainConfig }) {
  const [page, setPage] = useState(0);
  const { shown, error, refetch } = useDeviceHistory(known, chainConfig, page);
  let body: ReactNode;
  if (error) body = <ReadError title="The history could not be read" error={error} onRetry={refetch} />;
  else if (!shown.data) body = <p role="status" className="text-sm text-slate-600">Reading the device&apos;s history…</p>;
  else if (shown.data.total === 0) body = <p className="text-sm text-slate-600">No events found.</p>;
  else {
    const { entries, pages, total } = shown.data;
    body = (
      <>
        <ol className="space-y-2" aria-label="Device history, newest first">
          {entries.map((e) => (
            <HistoryItem key={`${e.tx}:${e.logIndex}`} entry={e} chainConfig={chainConfig} />
          ))}
        </ol>
        {pages > 1 && (
          <nav aria-label="History pages" className="mt-3 flex items-center justify-between gap-2">
            <button type="button" className={buttonClass.secondary} disabled={page === 0} onClick={() => setPage(page - 1)}>
              Newer
            </button>
            <span className="text-sm text-slate-600">
              Page {page + 1} of {pages} · {total.toLocaleString("en")} events
            </span>
            <button type="button" className={buttonClass.secondary} disabled={page + 1 >= pages} onClick={() => setPage(page + 1)}>
              Older
            </button>
          </nav>
        )}
      </>
    );
  }
  return (
    <section aria-labelledby="history-heading" className="rounded-lg border border-slate-200 bg-white p-4" data-testid="device-history">
      <h2 id="history-heading" className="mb-3 font-semibold">
        History
      </h2>
      {body}
    </section>
  );
}

function HistoryItem({ entry: e, chainConfig }: { entry: ShownEntry; chainConfig: ChainConfig }) {
  const chainId = chainConfig.chain.id;
  const who = (address: string, label: string) => <AddressText address={address} label={label} chainId={chainId} short />;
  const link = explorerTxUrl(chainId, e.tx);
  let detail: ReactNode = null;
  if (e.kind === "registered") {
    detail = (
      <>
        <span className="flex flex-wrap items-center gap-1">Owner {who(e.owner, "owner")}</span>
        {e.nft && <span>Device NFT #{e.nft.tokenId.toString()} of {shortHex(e.nft.contract, 4)} moved into the device wallet</span>}
        <span className="font-mono">Document hash {shortHex(e.hash)}</span>
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
        From {who(e.from, "previous owner")} to {who(e.to, "new owner")}
      </span>
    );
  } else if (e.kind === "removed") {
    detail = <span className="flex flex-wrap items-center gap-1">By {who(e.by, "owner")}</span>;
  } else {
    const what =
      e.amount !== undefined ? `${e.token?.decimals === undefined ? e.amount.toString() : formatUnits(e.amount, e.token.decimals)} ${e.token?.symbol ?? shortHex(e.contract, 4)}` : `${e.token?.name ?? "NFT"} #${e.tokenId?.toString()}`;
    detail = (
      <span className="flex flex-wrap items-center gap-1">
        {what} {e.kind === "wallet-in" ? "from" : "to"} {who(e.counterparty, e.kind === "wallet-in" ? "sender" : "recipient")}
      </span>
    );
  }
  return (
    <li className="rounded-md border border-slate-200 p-3 text-sm" data-testid="history-entry" data-kind={e.kind} data-tx={e.tx}>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <span className="font-medium">{titles[e.kind]}</span>
        <span className="text-xs text-slate-600">
          {e.time ? <time dateTime={e.time.toISOString()}>{e.time.toLocaleString("en", { timeZone: "UTC", dateStyle: "medium", timeStyle: "short" })} UTC</time> : "time unknown"} · block{" "}
          {e.block.toString()}
        </span>
      </div>
      <div className="mt-1 flex flex-col gap-1 text-xs">{detail}</div>
      <p className="mt-1 break-all font-mono text-xs">
        Transaction{" "}
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
