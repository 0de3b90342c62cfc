"use client";

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
  const id = useId();
  const unlisted = groups.filter((g) => g.unlisted > 0);
  return (
    <div>
      <label htmlFor={id} className="block text-sm text-slate-600">
        Your device NFTs
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
        {!selected && <option value="">Choose the NFT that came with the device</option>}
        {groups.map((g) => (
          <optgroup key={g.contract} label={`${g.projectName ?? `Project #${g.projectId}`} (${g.contract.slice(0, 6)}…${g.contract.slice(-4)})`}>
            {g.tokens.map((t) => (
              <option key={keyOf(g.contract, t.tokenId)} value={keyOf(g.contract, t.tokenId)} disabled={t.used}>
                {g.projectName ?? `Project #${g.projectId}`} #{t.tokenId.toString()}
                {t.used ? " (already used for an ioID)" : ""}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      {unlisted.map((g) => (
        <p key={g.contract} className="mt-1 text-xs text-slate-600">
          You hold {g.unlisted} more {g.projectName ?? `Project #${g.projectId}`} NFT{g.unlisted === 1 ? "" : "s"} received before the blocks this app reads: paste the
          collection address below and type the token id.
        </p>
      ))}
    </div>
  );
}
