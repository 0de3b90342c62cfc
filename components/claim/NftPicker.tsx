"use client";

import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { isAddress, isAddressEqual, type Address } from "viem";
import type { DeviceNFTGroup } from "@/lib/chain/ownerNfts/types";
import type { Preflight } from "@/lib/claim/preflight";
import { OwnedNftList } from "./OwnedNftList";
import { buttonClass } from "@/components/ui/Card";

type Nft = { contract: Address; tokenId?: bigint | undefined } | undefined;

/**
 * The device NFT to bind. When discovery found the owner's device NFTs, one list grouped by project; otherwise
 * (or for a collection discovery does not list) a collection — known, the payload's, or one typed in — then one
 * of the owner's tokens in it, which the lens already listed and flagged, so this costs no extra reads.
 */
export function NftPicker({
  known,
  groups,
  value,
  preflight,
  onChange,
  disabled,
  fixed = false,
}: {
  known: { address: Address; label: string }[];
  /** The owner's device NFTs by project (owner NFT discovery); undefined while unknown. */
  groups: DeviceNFTGroup[] | undefined;
  value: Nft;
  preflight: Preflight | undefined;
  onChange: (nft: Nft) => void;
  disabled: boolean;
  /** The collection is set by the page (an embedding project): only the token can be chosen. */
  fixed?: boolean;
}) {
  const t = useTranslations("Claim.nft");
  const collectionId = useId();
  const tokenId = useId();
  const customId = useId();
  const [custom, setCustom] = useState("");
  const collections = value && !known.some((k) => k.address === value.contract) ? [...known, { address: value.contract, label: t("fromDevice") }] : known;
  const tokens = preflight?.nft?.contract === value?.contract ? preflight?.ownerTokens : undefined;
  const listed = !fixed && groups && groups.length > 0 && (!value || groups.some((g) => isAddressEqual(g.contract, value.contract)));

  const pasteForm = !fixed && (
    <form
      className="mt-2 flex gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        if (isAddress(custom.trim())) onChange({ contract: custom.trim() as Address });
      }}
    >
      <label htmlFor={customId} className="sr-only">
        {t("otherCollectionLabel")}
      </label>
      <input
        id={customId}
        value={custom}
        disabled={disabled}
        onChange={(event) => setCustom(event.target.value)}
        placeholder={t("otherCollectionPlaceholder")}
        spellCheck={false}
        className="min-w-0 flex-1 rounded-md border border-slate-300 p-2 font-mono text-xs"
      />
      <button type="submit" className={buttonClass.secondary} disabled={disabled || !isAddress(custom.trim())}>
        {t("use")}
      </button>
    </form>
  );

  if (listed) {
    const tokenOfValue = value?.tokenId ?? (preflight?.nft?.contract === value?.contract ? preflight?.nft?.tokenId : undefined);
    return (
      <div>
        <OwnedNftList groups={groups} selected={value && tokenOfValue !== undefined ? { contract: value.contract, tokenId: tokenOfValue } : undefined} onChange={onChange} disabled={disabled} />
        {pasteForm}
      </div>
    );
  }

  return (
    <div className="grid gap-3 sm:grid-cols-2">
      <div>
        <label htmlFor={collectionId} className="block text-sm text-slate-600">
          {t("collection")}
        </label>
        <select
          id={collectionId}
          disabled={disabled || fixed}
          value={value?.contract ?? ""}
          onChange={(event) => onChange({ contract: event.target.value as Address })}
          className="mt-1 w-full rounded-md border border-slate-300 p-2 text-sm"
        >
          {collections.length === 0 && <option value="">{t("enterCollection")}</option>}
          {collections.map((c) => (
            <option key={c.address} value={c.address}>
              {c.label} ({c.address.slice(0, 6)}…{c.address.slice(-4)})
            </option>
          ))}
        </select>
        {pasteForm}
      </div>
      <div>
        <label htmlFor={tokenId} className="block text-sm text-slate-600">
          {t("token")}
        </label>
        {tokens ? (
          <select
            id={tokenId}
            disabled={disabled || tokens.length === 0}
            value={value?.tokenId?.toString() ?? preflight?.nft?.tokenId?.toString() ?? ""}
            onChange={(event) => value && onChange({ contract: value.contract, tokenId: BigInt(event.target.value) })}
            className="mt-1 w-full rounded-md border border-slate-300 p-2 text-sm"
          >
            {tokens.length === 0 && <option value="">{t("noToken")}</option>}
            {tokens.map((token) => (
              <option key={token.tokenId.toString()} value={token.tokenId.toString()} disabled={token.used}>
                #{token.tokenId.toString()}
                {token.used ? t("alreadyUsed") : ""}
              </option>
            ))}
          </select>
        ) : (
          <input
            id={tokenId}
            inputMode="numeric"
            disabled={disabled || !value}
            defaultValue={value?.tokenId?.toString() ?? ""}
            onBlur={(event) => value && /^\d+$/.test(event.target.value) && onChange({ contract: value.contract, tokenId: BigInt(event.target.value) })}
            placeholder={t("tokenIdPlaceholder")}
            className="mt-1 w-full rounded-md border border-slate-300 p-2 text-sm"
          />
        )}
      </div>
    </div>
  );
}
