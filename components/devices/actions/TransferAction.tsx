"use client";

import { useId, useState } from "react";
import type { Address, Hash } from "viem";
import type { ChainConfig } from "@/lib/chain/config";
import type { DeviceView } from "@/lib/chain/devices";
import { toIoAddress } from "@/lib/did/ioAddress";
import { ownerPlan } from "@/lib/claim/deviceActions";
import { checkTransferRecipient } from "@/lib/claim/transferRecipient";
import { transferCall } from "@/lib/claim/deviceCalls";
import { AddressInput } from "@/components/ui/AddressInput";
import { buttonClass } from "@/components/ui/Card";
import { TxProgress } from "./TxProgress";
import { useContractTx } from "./useContractTx";

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
        const checked = checkTransferRecipient(text, { owner, wallet: view.wallet, device: view.device });
        if ("error" in checked) setError(checked.error);
        else {
          setError(undefined);
          setReview(checked.address);
        }
      }}
    >
      <AddressInput id={id} label="Recipient address" value={text} onChange={setText} error={error} />
      <button type="submit" className={buttonClass.secondary} disabled={!text.trim()}>
        Review transfer
      </button>
    </form>
  );
}
