"use client";

import { useId, useState } from "react";
import { getAddress, isAddress, isAddressEqual, zeroAddress, type Address, type Hash } from "viem";
import type { ChainConfig } from "@/lib/chain/config";
import type { DeviceView } from "@/lib/chain/devices";
import { fromIoAddress, toIoAddress } from "@/lib/chain/ioAddress";
import { ownerPlan } from "@/lib/claim/deviceActions";
import { transferCall } from "@/lib/claim/deviceCalls";
import { buttonClass } from "@/components/ui/Card";
import { TxProgress } from "./TxProgress";
import { useContractTx } from "./useContractTx";

/** Reads a recipient in either form and says why it cannot receive this ioID, if it cannot. */
function checkRecipient(text: string, view: DeviceView, owner: Address): { address: Address } | { error: string } {
  const trimmed = text.trim();
  let address: Address;
  try {
    if (/^io1/i.test(trimmed)) address = fromIoAddress(trimmed);
    else if (isAddress(trimmed, { strict: false })) address = getAddress(trimmed);
    else return { error: "Enter an address: 0x followed by 40 hex digits, or an io1… address." };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
  if (isAddressEqual(address, zeroAddress)) return { error: "That is the zero address: the ioID would be lost." };
  if (isAddressEqual(address, owner)) return { error: "That is your own address; the ioID is already there." };
  if (view.wallet && isAddressEqual(address, view.wallet)) {
    return { error: "That is this device's own wallet. An ioID held by its own wallet can never be moved again." };
  }
  if (view.device && isAddressEqual(address, view.device)) {
    return { error: "That is the device's key address, not a person's wallet. Send the ioID to the new owner's wallet." };
  }
  return { address };
}

/** `onTransferred` lets the page keep saying so: once the ioID moves, this form is no longer offered. */
export function TransferAction({ view, owner, chainConfig, onTransferred }: { view: DeviceView; owner: Address; chainConfig: ChainConfig; onTransferred: (to: Address, hash: Hash) => void }) {
  const chainId = chainConfig.chain.id;
  const [text, setText] = useState("");
  const [review, setReview] = useState<Address | undefined>();
  const [error, setError] = useState<string | undefined>();
  const tx = useContractTx(chainId);
  const id = useId();
  const busy = tx.state.phase === "simulating" || tx.state.phase === "signing" || tx.state.phase === "pending";


  if (review) {
    return (
      <div className="space-y-3" data-testid="transfer-review">
        <p className="text-sm">You are about to give ioID #{view.id?.toString()} — the device&apos;s identity, its wallet and everything in it — to:</p>
        <p className="break-all rounded-md bg-slate-100 p-2 font-mono text-xs">
          {review}
          <br />
          {toIoAddress(review)}
        </p>
        <p className="text-sm text-slate-600">Check every character with the recipient. A transfer cannot be undone by you.</p>
        <TxProgress state={tx.state} chainId={chainId} done={`Transferred to ${review}.`} />
        <div className="flex flex-wrap gap-2">
          <button
            type="button"
            className={buttonClass.primary}
            disabled={busy}
            onClick={async () => {
              const hash = await tx.run(async () =>
                ownerPlan(transferCall(chainConfig.contracts.ioID, owner, review, view.id!), { chainId, registry: chainConfig.contracts.ioIDRegistry, owner }),
              );
              if (hash) onTransferred(review, hash);
            }}
          >
            Confirm transfer
          </button>
          <button type="button" className={buttonClass.secondary} disabled={busy} onClick={() => (setReview(undefined), tx.reset())}>
            Back
          </button>
        </div>
      </div>
    );
  }

  return (
    <form
      className="space-y-2"
      onSubmit={(event) => {
        event.preventDefault();
        const checked = checkRecipient(text, view, owner);
        if ("error" in checked) setError(checked.error);
        else {
          setError(undefined);
          setReview(checked.address);
        }
      }}
    >
      <label htmlFor={id} className="block text-sm font-medium">
        Recipient address
      </label>
      <input
        id={id}
        value={text}
        onChange={(event) => setText(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        autoComplete="off"
        spellCheck={false}
        placeholder="0x… or io1…"
        className="min-h-11 w-full rounded-md border border-slate-300 px-3 font-mono text-sm"
      />
      {error && (
        <p id={`${id}-error`} role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
      <button type="submit" className={buttonClass.secondary} disabled={!text.trim()}>
        Review transfer
      </button>
    </form>
  );
}
