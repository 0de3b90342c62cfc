"use client";

import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";

/** Copies `value`; the label says what (for screen readers) and the result is announced politely. */
export function CopyButton({ value, label }: { value: string; label: string }) {
  const t = useTranslations("Ui");
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  useEffect(() => {
    if (state === "idle") return;
    const timer = setTimeout(() => setState("idle"), 2000);
    return () => clearTimeout(timer);
  }, [state]);
  return (
    <button
      type="button"
      className="inline-flex min-h-8 shrink-0 items-center rounded border border-slate-300 bg-white px-2 text-xs font-medium text-slate-700 hover:bg-slate-50"
      aria-label={t("copyLabel", { label })}
      onClick={() => {
        navigator.clipboard.writeText(value).then(
          () => setState("copied"),
          () => setState("failed"),
        );
      }}
    >
      <span aria-live="polite">{t(state === "copied" ? "copied" : state === "failed" ? "copyFailed" : "copy")}</span>
    </button>
  );
}
