"use client";

import { useTranslations } from "next-intl";
import { useId } from "react";
import { isAddressEqual, type Address } from "viem";
import type { DeviceNFTGroup } from "@/lib/chain/ownerNfts/types";

type Selected = { contract: Address; tokenId: bigint } | undefined;

const keyOf = (contract: Address, tokenId: bigint) => `${contract}:${tokenId}`;

/** The owner's device NFTs, one group per project; tokens that already served an ioID are shown but not offered. */
export function OwnedNftList({
  groups,
  selected,
  onChange,
  disabled,
}: {
  groups: DeviceNFTGroup[];
  selected: Selected;
  onChange: (nft: { contract: Address; tokenId: bigint }) => void;
  disabled: boolean;
}) {
  const t = useTranslations("Claim.nft");
  const id = useId();
  const project = (g: DeviceNFTGroup) => g.projectName ?? t("projectNumber", { projectId: g.projectId.toString() });
  const unlisted = groups.filter((g) => g.unlisted > 0);
  return (
    <div>
      <label htmlFor={id} className="block text-sm text-slate-600">
        {t("yourNfts")}
      </label>
      <select
        id={id}
        disabled={disabled}
        value={selected ? keyOf(selected.contract, selected.tokenId) : ""}
        onChange={(event) => {
          const [contract, tokenId] = event.target.value.split(":");
          const group = groups.find((g) => isAddressEqual(g.contract, contract as Address));
          if (group && tokenId) onChange({ contract: group.contract, tokenId: BigInt(tokenId) });
        }}
        className="mt-1 w-full rounded-md border border-slate-300 p-2 text-sm"
      >
        {!selected && <option value="">{t("chooseNft")}</option>}
        {groups.map((g) => (
          <optgroup key={g.contract} label={`${project(g)} (${g.contract.slice(0, 6)}…${g.contract.slice(-4)})`}>
            {g.tokens.map((token) => (
              <option key={keyOf(g.contract, token.tokenId)} value={keyOf(g.contract, token.tokenId)} disabled={token.used}>
                {project(g)} #{token.tokenId.toString()}
                {token.used ? t("usedForIoid") : ""}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      {unlisted.map((g) => (
        <p key={g.contract} className="mt-1 text-xs text-slate-600">
          {t("unlisted", { count: g.unlisted, project: project(g) })}
        </p>
      ))}
    </div>
  );
}
