"use client";

import { useTranslations } from "next-intl";
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
import { useText } from "@/components/i18n/useText";
import { ReviewButtons } from "./ReviewButtons";
import { TxProgress } from "./TxProgress";
import { useContractTx } from "./useContractTx";

/** `onTransferred` lets the page keep saying so: once the ioID moves, this form is no longer offered. */
export function TransferAction({ view, owner, chainConfig, onTransferred }: { view: DeviceView; owner: Address; chainConfig: ChainConfig; onTransferred: (to: Address, hash: Hash) => void }) {
  const t = useTranslations("DeviceDetail.transfer");
  const say = useText();
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
        <p className="text-sm">{t("about", { id: view.id?.toString() ?? "" })}</p>
        <p className="break-all rounded-md bg-slate-100 p-2 font-mono text-xs">
          {review}
          <br />
          {toIoAddress(review)}
        </p>
        <p className="text-sm text-slate-600">{t("check")}</p>
        <TxProgress state={tx.state} chainId={chainId} done={t("done", { to: review })} />
        <ReviewButtons
          busy={busy}
          confirm={{
            label: t("confirm"),
            onClick: async () => {
              const hash = await tx.run(async () =>
                ownerPlan(transferCall(chainConfig.contracts.ioID, owner, review, view.id!), { chainId, registry: chainConfig.contracts.ioIDRegistry, owner }),
              );
              if (hash) onTransferred(review, hash);
            },
          }}
          back={{ label: t("back"), onClick: () => (setReview(undefined), tx.reset()) }}
        />
      </div>
    );
  }

  return (
    <form
      className="space-y-2"
      onSubmit={(event) => {
        event.preventDefault();
        const checked = checkTransferRecipient(text, { owner, wallet: view.wallet, device: view.device });
        if ("error" in checked) setError(say(checked.error));
        else {
          setError(undefined);
          setReview(checked.address);
        }
      }}
    >
      <AddressInput id={id} label={t("recipient")} value={text} onChange={setText} error={error} />
      <button type="submit" className={buttonClass.secondary} disabled={!text.trim()}>
        {t("review")}
      </button>
    </form>
  );
}
