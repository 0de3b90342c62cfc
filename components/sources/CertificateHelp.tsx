"use client";

import { useTranslations } from "next-intl";
import { certificateCheckUrl } from "@/lib/device/endpoint";
import { Alert, buttonClass } from "@/components/ui/Card";

/**
 * An ESP32 serves https with a certificate of its own: the browser refuses the app's calls until the owner has
 * accepted that certificate once, on the device's own page. The browser reports that refusal to the page exactly
 * like a connection nobody answered (a bare "Failed to fetch"), so the steps cover both, and opening the device's
 * page tells the owner which it is.
 */
export function CertificateHelp({ endpoint, onRetry }: { endpoint: string; onRetry: () => void }) {
  const t = useTranslations("Sources.certificate");
  const url = certificateCheckUrl(endpoint);
  return (
    <div className="mt-3 space-y-2" data-testid="certificate-help">
      <Alert tone="error" title={t("title")}>
        <p>{t("intro")}</p>
        <ol className="list-decimal space-y-1 pl-5">
          <li>
            {t.rich("open", {
              link: () => (
                <a href={url} target="_blank" rel="noopener noreferrer" className="break-all font-mono underline" data-testid="certificate-link">
                  {url}
                </a>
              ),
            })}
          </li>
          <li>{t("proceed")}</li>
          <li>{t("comeBack")}</li>
        </ol>
        <p className="text-xs">{t("unreachable")}</p>
      </Alert>
      <button type="button" className={buttonClass.secondary} onClick={onRetry}>
        {t("retry")}
      </button>
    </div>
  );
}
