"use client";

import { useTranslations } from "next-intl";
import { useText } from "@/components/i18n/useText";
import { checkTitle, type Check } from "@/lib/claim/checklist";

/** Each check with its verdict and reason; failures first would reorder the story, so order is kept. */
export function ChecklistView({ checks }: { checks: Check[] }) {
  const t = useTranslations("Claim");
  const say = useText();
  return (
    <ul aria-label={t("checksLabel")} className="space-y-2">
      {checks.map((check) => (
        <li key={check.id} data-testid={`check-${check.id}`} data-ok={check.ok} className="flex gap-2 text-sm">
          <span aria-hidden className={`mt-0.5 flex size-5 shrink-0 items-center justify-center rounded-full text-xs text-white ${check.ok ? "bg-brand-600" : "bg-red-600"}`}>
            {check.ok ? "✓" : "✕"}
          </span>
          {/* min-w-0 + break-words: a DID or address in a reason wraps instead of widening a phone screen. */}
          <span className="min-w-0 break-words">
            <span className="font-medium">
              {say(checkTitle(check.id))}
              <span className="sr-only">{check.ok ? t("checkPassed") : t("checkFailed")}</span>
            </span>
            <span className={`block ${check.ok ? "text-slate-600" : "text-red-800"}`}>
              {say(check.reason)}
              {check.advice && ` ${say(check.advice)}`}
            </span>
          </span>
        </li>
      ))}
    </ul>
  );
}
