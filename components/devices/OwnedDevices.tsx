"use client";

import { Link } from "@/components/ui/Link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import type { Address } from "viem";
import type { ChainConfig } from "@/lib/chain/config";
import { DEVICE_PAGE_SIZE, type DeviceView } from "@/lib/chain/devices";
import type { WalletMarker } from "@/lib/deviceWallet/markers";
import { buttonClass } from "@/components/ui/Card";
import { DeviceIllustration } from "@/components/ui/icons/DeviceIllustration";
import { DocumentBadge } from "./DocumentBadge";
import { DeviceRowContent } from "./DeviceRow";
import { deviceHref } from "./links";
import { ListSkeleton, rowFrameClass } from "./ListSkeleton";
import { ReadError } from "./ReadError";
import { useHeldTokens, useOwnedDevices } from "./useDeviceReads";
import { useWalletMarkers } from "./wallet/useWalletAssets";

/** The connected wallet's ioIDs, a page at a time (loaded by DeviceList.tsx once a wallet is connected). */
export function OwnedDevices({ owner, chainConfig }: { owner: Address; chainConfig: ChainConfig }) {
  const t = useTranslations("Devices.owned");
  const [page, setPage] = useState(0);
  const list = useOwnedDevices(owner, chainConfig, page);
  const held = useHeldTokens(list.items, chainConfig);
  // After the list's own reads, beside them: a marker that arrives later never delays the rows.
  const markers = useWalletMarkers(list.items, chainConfig);
  const chainId = chainConfig.chain.id;

  if (list.first.isPending) return <ListSkeleton label={t("reading")} />;
  if (list.first.isError) return <ReadError title={t("readError")} error={list.first.error} onRetry={() => void list.refetch()} />;
  if (list.total === 0) {
    return (
      <section aria-labelledby="empty-heading" className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center">
        <DeviceIllustration className="mx-auto mb-3 h-24 w-32" />
        <h2 id="empty-heading" className="font-semibold">
          {t("emptyHeading", { chain: chainConfig.chain.name })}
        </h2>
        <p className="mx-auto mt-1 max-w-md text-sm text-slate-600">{t("emptyBody")}</p>
        <Link href="/claim" className={`${buttonClass.primary} mt-4`}>
          {t("claim")}
        </Link>
      </section>
    );
  }

  const from = page * DEVICE_PAGE_SIZE + 1;
  const to = Math.min(list.total, (page + 1) * DEVICE_PAGE_SIZE);
  return (
    <section aria-labelledby="owned-heading" className="space-y-3">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="owned-heading" className="font-semibold">
          {t("heading", { count: list.total, chain: chainConfig.chain.name })}
        </h2>
        <p className="text-sm text-slate-600" aria-live="polite" data-testid="list-range">
          {t("range", { from, to, total: list.total })}
        </p>
      </div>
      {list.items ? (
        <ul className="space-y-3" aria-label={t("listLabel")}>
          {list.items.map((view, i) => (
            <DeviceCard key={view.id?.toString() ?? i} view={view} chainId={chainId} heldTokenId={view.wallet ? held.data?.get(view.wallet)?.[0]?.tokenId : undefined} marker={view.wallet ? markers.data?.get(view.wallet) : undefined} />
          ))}
        </ul>
      ) : list.error ? (
        <ReadError title={t("pageError")} error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <ListSkeleton label={t("readingRange", { from, to })} withHeading={false} />
      )}
      {list.pages > 1 && (
        <nav aria-label={t("pages")} className="flex items-center justify-between gap-2">
          <button type="button" className={buttonClass.secondary} disabled={page === 0} onClick={() => setPage(page - 1)}>
            {t("previous")}
          </button>
          <span className="text-sm text-slate-600">{t("pageOf", { page: page + 1, pages: list.pages })}</span>
          <button type="button" className={buttonClass.secondary} disabled={page + 1 >= list.pages} onClick={() => setPage(page + 1)}>
            {t("next")}
          </button>
        </nav>
      )}
    </section>
  );
}

function DeviceCard({ view, chainId, heldTokenId, marker }: { view: DeviceView; chainId: number; heldTokenId: bigint | undefined; marker: WalletMarker | undefined }) {
  const headingId = `ioid-${view.id?.toString() ?? "x"}`;
  return (
    <li data-testid="device-row" data-ioid={view.id?.toString()} data-device={view.device} aria-labelledby={headingId} className={rowFrameClass}>
      <DeviceRowContent view={view} href={deviceHref(view, chainId)} badge={<DocumentBadge view={view} chainId={chainId} />} heldTokenId={heldTokenId} marker={marker} headingId={headingId} />
    </li>
  );
}
