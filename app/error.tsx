"use client";

import { useTranslations } from "next-intl";
import { buttonClass } from "@/components/ui/Card";

// A page that failed while rendering: said plainly, with a way to try again. The digest matches the server log.
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations("Error");
  return (
    <div role="alert" className="space-y-4">
      <h1 className="text-2xl font-bold tracking-tight">{t("title")}</h1>
      <p className="text-slate-600">{t("body")}</p>
      {error.digest && <p className="font-mono text-xs text-slate-500">{t("reference", { digest: error.digest })}</p>}
      <button type="button" className={buttonClass.primary} onClick={reset}>
        {t("retry")}
      </button>
    </div>
  );
}
