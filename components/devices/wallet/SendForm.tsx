"use client";

import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { formatUnits, type Address } from "viem";
import { usePublicClient } from "wagmi";
import type { ChainConfig } from "@/lib/chain/config";
import type { NftHolding, TokenHolding } from "@/lib/deviceWallet/assets";
import { explainSendRefusal } from "@/lib/deviceWallet/refusal";
import type { Text } from "@/lib/i18n/text";
import { checkRecipient, executeRequest, parseAmount, sendPlan, sendWarnings, type SendAsset, type WalletCall } from "@/lib/deviceWallet/send";
import type { ExplainedError } from "@/lib/chain/revertMessages";
import { ownerPlan } from "@/lib/claim/deviceActions";
import { AddressInput } from "@/components/ui/AddressInput";
import { Alert, buttonClass } from "@/components/ui/Card";
import { useText } from "@/components/i18n/useText";
import { ReviewButtons } from "../actions/ReviewButtons";
import { TxProgress } from "../actions/TxProgress";
import { useContractTx } from "../actions/useContractTx";

/** What the owner picked to send: IOTX (with the wallet's balance), one ERC-20, or one NFT. */
export type SendChoice = { kind: "iotx"; balance: bigint } | { kind: "erc20"; token: TokenHolding } | { kind: "nft"; nft: NftHolding };

type Review = { call: WalletCall; asset: SendAsset; warnings: Text[] } & ({ state: "checking" } | { state: "ok" } | { state: "refused"; error: ExplainedError });

/**
 * Amount (with Max) and recipient, then a review: the chain simulates the owner's execute() call first, and only
 * a send it accepts can be confirmed; a refusal says why and sends nothing. What was typed is kept throughout.
 */
export function SendForm({ choice, wallet, device, owner, chainConfig, onClose }: { choice: SendChoice; wallet: Address; device: Address | undefined; owner: Address; chainConfig: ChainConfig; onClose: () => void }) {
  const t = useTranslations("DeviceWallet.form");
  const say = useText();
  const chainId = chainConfig.chain.id;
  const client = usePublicClient({ chainId });
  const tx = useContractTx(chainId);
  const id = useId();
  const [amount, setAmount] = useState("");
  const [recipient, setRecipient] = useState("");
  const [error, setError] = useState<Text>();
  const [review, setReview] = useState<Review>();
  const decimals = choice.kind === "iotx" ? 18 : choice.kind === "erc20" ? choice.token.decimals : 0;
  const max = choice.kind === "iotx" ? choice.balance : choice.kind === "erc20" ? choice.token.balance : undefined;
  const busy = ["preparing", "simulating", "signing", "pending"].includes(tx.state.phase);

  async function startReview() {
    const to = checkRecipient(recipient, { wallet, device });
    if ("error" in to) return setError(to.error);
    let asset: SendAsset;
    if (choice.kind === "nft") asset = { kind: "nft", nft: choice.nft };
    else {
      const parsed = parseAmount(amount, decimals);
      if ("error" in parsed) return setError(parsed.error);
      asset = choice.kind === "iotx" ? { kind: "iotx", amount: parsed.amount } : { kind: "erc20", token: choice.token, amount: parsed.amount };
    }
    setError(undefined);
    const [call] = sendPlan(wallet, asset, to.address);
    const code = await client!.getCode({ address: to.address }).catch(() => undefined);
    const warnings = sendWarnings(asset, Boolean(code && code !== "0x"));
    setReview({ call: call!, asset, warnings, state: "checking" });
    try {
      await client!.simulateContract(executeRequest(call!, owner));
      setReview({ call: call!, asset, warnings, state: "ok" });
    } catch (failure) {
      setReview({ call: call!, asset, warnings, state: "refused", error: explainSendRefusal(failure, asset) });
    }
  }

  if (review) {
    return (
      <div className="space-y-3" data-testid="send-review">
        <p className="break-all text-sm font-medium" data-testid="send-effect">
          {say(review.call.effect)}
        </p>
        {review.warnings.map((w) => (
          <p key={w.key} className="rounded-md border border-amber-200 bg-amber-50 p-2 text-sm text-amber-900" data-testid="send-warning">
            {say(w)}
          </p>
        ))}
        {review.state === "checking" && (
          <p role="status" className="text-sm text-slate-600">
            {t("checking")}
          </p>
        )}
        {review.state === "refused" && (
          <div data-testid="send-refused">
            <Alert tone="error" title={t("refused", { reason: say(review.error.message) })}>
              <p>{t("nothingSent", { action: say(review.error.action) })}</p>
            </Alert>
          </div>
        )}
        <TxProgress state={tx.state} chainId={chainId} done={t("sent", { effect: say(review.call.effect) })} />
        <ReviewButtons
          busy={busy}
          confirm={
            review.state === "ok" && tx.state.phase !== "done"
              ? { label: t("send"), onClick: () => void tx.run(async () => ownerPlan(review.call, { chainId, owner, registry: chainConfig.contracts.ioIDRegistry })) }
              : undefined
          }
          back={tx.state.phase === "done" ? { label: t("close"), onClick: onClose } : { label: t("back"), onClick: () => (setReview(undefined), tx.reset()) }}
        />
      </div>
    );
  }

  return (
    <form
      className="space-y-2"
      data-testid="send-form"
      onSubmit={(event) => {
        event.preventDefault();
        void startReview();
      }}
    >
      {choice.kind !== "nft" && (
        <>
          <label htmlFor={`${id}-amount`} className="block text-sm font-medium">
            {t("amount", { unit: choice.kind === "iotx" ? "IOTX" : (choice.token.symbol ?? t("tokens")) })}
          </label>
          <div className="flex gap-2">
            <input id={`${id}-amount`} value={amount} onChange={(e) => setAmount(e.target.value)} inputMode="decimal" autoComplete="off" className="min-h-11 w-full rounded-md border border-slate-300 px-3 font-mono text-sm" />
            <button type="button" className={buttonClass.secondary} onClick={() => max !== undefined && setAmount(formatUnits(max, decimals))}>
              {t("max")}
            </button>
          </div>
        </>
      )}
      <AddressInput id={`${id}-to`} label={t("recipient")} value={recipient} onChange={setRecipient} error={error && say(error)} />
      <div className="flex flex-wrap gap-2">
        <button type="submit" className={buttonClass.primary} disabled={!recipient.trim() || !client}>
          {t("review")}
        </button>
        <button type="button" className={buttonClass.secondary} onClick={onClose}>
          {t("cancel")}
        </button>
      </div>
    </form>
  );
}
