"use client";

import { useTranslations } from "next-intl";
import { revealInvisibles } from "@/lib/did/summary";
import { CopyButton } from "@/components/ui/CopyButton";

/** The document exactly as retrieved: shown formatted, copied and downloaded as the original bytes' text. */
export function RawDocument({ raw, did }: { raw: string; did: string }) {
  const t = useTranslations("Documents");
  let pretty = raw;
  try {
    pretty = JSON.stringify(JSON.parse(raw), null, 2);
  } catch {
    // Not JSON: shown as retrieved.
  }
  pretty = revealInvisibles(pretty);
  const download = () => {
    const url = URL.createObjectURL(new Blob([raw], { type: "application/json" }));
    const a = document.createElement("a");
    a.href = url;
    a.download = `${did.replace(/[^a-z0-9]+/gi, "-")}.json`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-2">
        <CopyButton value={raw} label={t("copyLabel")} />
        <button type="button" className="inline-flex min-h-8 items-center rounded border border-slate-300 bg-white px-2 text-xs font-medium" onClick={download}>
          {t("download")}
        </button>
        <span className="text-xs text-slate-600">{t("rawHint", { length: raw.length })}</span>
      </div>
      <pre data-testid="document-raw" className="max-h-96 overflow-auto whitespace-pre-wrap rounded-md bg-slate-900 p-3 text-xs text-slate-100 [overflow-wrap:anywhere]">
        {pretty}
      </pre>
    </div>
  );
}
