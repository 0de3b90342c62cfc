"use client";

import { useTranslations } from "next-intl";
import { explainError } from "@/lib/chain/revertMessages";
import { Alert, buttonClass } from "@/components/ui/Card";

/** A failed read, in words, with a way to try again (reads fail on flaky RPCs far more often than for good). */
export function ReadError({ title, error, onRetry }: { title: string; error: unknown; onRetry: () => void }) {
  const t = useTranslations("Devices");
  const { message, action } = explainError(error);
  return (
    <Alert tone="error" title={title}>
      <p>
        {message} {action}
      </p>
      <button type="button" className={`${buttonClass.secondary} mt-2`} onClick={onRetry}>
        {t("tryAgain")}
      </button>
    </Alert>
  );
}
