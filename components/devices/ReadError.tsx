"use client";

import { useTranslations } from "next-intl";
import { explainError } from "@/lib/chain/revertMessages";
import { Alert, buttonClass } from "@/components/ui/Card";
import { useText } from "@/components/i18n/useText";

/** A failed read, in words, with a way to try again (reads fail on flaky RPCs far more often than for good). */
export function ReadError({ title, error, onRetry }: { title: string; error: unknown; onRetry: () => void }) {
  const t = useTranslations("Devices");
  const say = useText();
  const { message, action } = explainError(error);
  return (
    <Alert tone="error" title={title}>
      <p>
        {say(message)} {say(action)}
      </p>
      <button type="button" className={`${buttonClass.secondary} mt-2`} onClick={onRetry}>
        {t("tryAgain")}
      </button>
    </Alert>
  );
}
