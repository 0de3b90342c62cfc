"use client";

import { useTranslations } from "next-intl";
import { useText } from "@/components/i18n/useText";
import { CheckStateIcon } from "@/components/ui/icons/CheckStateIcon";
import type { Check } from "@/lib/claim/checklist";
import { checkTitle } from "@/lib/claim/checkTitle";

/** Each check with its verdict and reason; failures first would reorder the story, so order is kept. */
export function ChecklistView({ checks }: { checks: Check[] }) {
  const t = useTranslations("Claim");
  const say = useText();
  return (
    <ul aria-label={t("checksLabel")} className="space-y-2">
      {checks.map((check) => (
        <li key={check.id} data-testid={`check-${check.id}`} data-ok={check.ok} className="flex gap-2 text-sm">
          <CheckStateIcon state={check.ok ? "passed" : "failed"} className="mt-0.5 size-5" />
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
