"use client";

import { Link } from "@/components/ui/Link";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import type { DeviceView } from "@/lib/chain/devices";
import type { WalletMarker } from "@/lib/deviceWallet/markers";
import { AddressText } from "@/components/ui/AddressText";
import { CopyableText } from "@/components/ui/CopyableText";
import { useLocaleFormat } from "@/components/i18n/useLocaleFormat";
import { shortHex } from "./links";

export interface DeviceRowProps {
  view: DeviceView;
  href: string;
  /** The document status, read by the row's owner (the skeleton passes a still one). */
  badge: ReactNode;
  heldTokenId: bigint | undefined;
  marker: WalletMarker | undefined;
  headingId?: string;
}

/**
 * What a row of My devices shows. The list's skeleton renders this same layout, hidden, around placeholder values,
 * so a skeleton row takes exactly the room of a loaded one in either language and nothing moves when data arrives.
 */
export function DeviceRowContent({ view, href, badge, heldTokenId, marker, headingId }: DeviceRowProps) {
  const t = useTranslations("Devices.card");
  const format = useLocaleFormat();
  const tokenId = view.deviceNFT?.tokenId ?? heldTokenId;
  return (
    <>
      <div className="flex flex-wrap items-start justify-between gap-2">
        <h3 id={headingId} className="font-semibold">
          <Link href={href} className="text-brand-700 underline-offset-2 hover:underline">
            {t("ioidNumber", { id: view.id?.toString() ?? "" })}
            {view.project ? <span className="font-normal text-slate-600"> · {view.project.name}</span> : null}
          </Link>
        </h3>
        {badge}
      </div>
      <dl className="mt-2 grid grid-cols-1 gap-x-3 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
        {view.did ? (
          <>
            <dt className="text-slate-500">{t("did")}</dt>
            <dd className="min-w-0">
              <CopyableText value={view.did} label={t("did")} testId="row-did" />
            </dd>
            <dt className="text-slate-500">{t("device")}</dt>
            <dd className="min-w-0">
              <AddressText address={view.device!} label={t("deviceAddressLabel")} short />
            </dd>
          </>
        ) : (
          <>
            <dt className="text-slate-500">{t("device")}</dt>
            <dd className="text-slate-600">{t("noDevice")}</dd>
          </>
        )}
        {view.wallet && (
          <>
            <dt className="text-slate-500">{t("deviceWallet")}</dt>
            <dd className="min-w-0">
              <AddressText address={view.wallet} label={t("deviceWalletLabel")} short />
              <span className="text-xs text-slate-600" data-testid="row-wallet-balance">
                {format.iotx(view.walletBalance)}
              </span>
              {marker && marker.tokens + marker.nfts > 0 && (
                <span className="rounded bg-brand-100 px-1 text-xs text-brand-700" data-testid="row-token-marker" title={t("markerTitle")}>
                  {t("marker", { tokens: marker.tokens, nfts: marker.nfts })}
                </span>
              )}
            </dd>
          </>
        )}
        {view.deviceNFT && (
          <>
            <dt className="text-slate-500">{t("deviceNft")}</dt>
            <dd className="text-xs">
              <span className="font-mono" title={view.deviceNFT.contract}>
                {shortHex(view.deviceNFT.contract, 4)}
              </span>{" "}
              {view.deviceNFT.held === 0n ? (
                <span className="text-amber-700">{t("nftNotInWallet")}</span>
              ) : (
                <span data-testid="row-nft-token">#{tokenId?.toString() ?? "…"}</span>
              )}
            </dd>
          </>
        )}
      </dl>
    </>
  );
}
