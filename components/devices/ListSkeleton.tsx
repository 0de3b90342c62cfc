"use client";

import { useTranslations } from "next-intl";
import type { DeviceView } from "@/lib/chain/devices";
import type { IoDid } from "@/lib/did/did";
import { DeviceRowContent } from "./DeviceRow";
import { Badge } from "./StatusBadge";

/** The frame of a row of My devices; the skeleton's rows use it too. */
export const rowFrameClass = "rounded-lg border border-slate-200 bg-white p-4";

const zero = "0x0000000000000000000000000000000000000000";

// A registration as most rows show it (DID, device, device wallet, device NFT): the shape, never shown as data.
const placeholder: DeviceView = {
  id: 1n,
  owner: zero,
  device: zero,
  did: `did:io:${zero}` as IoDid,
  wallet: zero,
  walletBalance: 0n,
  registered: true,
  nonce: 0n,
  documentHash: undefined,
  documentURI: { state: "deferred", length: 0 },
  project: undefined,
  deviceNFT: { contract: zero, held: 1n, tokenId: 1n },
};

/**
 * Placeholder rows while the wallet reconnects or the list is read. Each is a real row's layout, hidden under the
 * pulse, so loaded rows take its place without moving anything. `withHeading`: the list's heading is not shown yet,
 * so the status line holds its place.
 */
export function ListSkeleton({ label, withHeading = true }: { label: string; withHeading?: boolean }) {
  const t = useTranslations("Documents.badge");
  return (
    <div role="status" aria-live="polite" className="space-y-3">
      {withHeading ? <p className="font-semibold text-slate-600">{label}</p> : <span className="sr-only">{label}</span>}
      {[0, 1, 2].map((i) => (
        <div key={i} aria-hidden inert data-testid="device-row-skeleton" className={`relative animate-pulse ${rowFrameClass}`}>
          <div className="invisible">
            <DeviceRowContent view={placeholder} href="/devices" badge={<Badge tone="muted">{t("checking")}</Badge>} heldTokenId={undefined} marker={undefined} />
          </div>
          <div className="absolute inset-4">
            <div className="h-4 w-1/3 rounded bg-slate-200" />
            <div className="mt-3 h-3 w-2/3 rounded bg-slate-100" />
            <div className="mt-2 h-3 w-1/2 rounded bg-slate-100" />
          </div>
        </div>
      ))}
    </div>
  );
}
