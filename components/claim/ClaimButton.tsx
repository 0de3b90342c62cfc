"use client";

import { useTranslations } from "next-intl";
import { useLocaleFormat } from "@/components/i18n/useLocaleFormat";
import { buttonClass } from "@/components/ui/Card";

export type ClaimMode = "register" | "proxy" | "take-over";

/** What the owner confirms: the fee, how many wallet prompts, and what the button does for this kind of claim. */
export function ClaimButton({
  mode,
  ok,
  fee,
  approval,
  prompts,
  onClaim,
}: {
  mode: ClaimMode;
  ok: boolean;
  fee: bigint;
  approval: boolean;
  prompts: number;
  onClaim: () => void;
}) {
  const t = useTranslations("Claim");
  const format = useLocaleFormat();
  const feeText = mode === "take-over" ? t("feeTakeOver") : fee === 0n ? t("feeFree") : t("feePaid", { fee: format.iotx(fee) });
  return (
    <div className="space-y-2 text-sm">
      {ok && (
        <p>
          {feeText} {prompts === 1 ? (approval ? t("oneConfirmationBatch") : t("oneConfirmation")) : t("twoPrompts", { prompts })}
        </p>
      )}
      <button type="button" className={buttonClass.primary} disabled={!ok} onClick={onClaim}>
        {mode === "take-over" ? t("takeOverButton") : t("claimButton")}
      </button>
    </div>
  );
}
