"use client";

import { useTranslations } from "next-intl";
import { useText } from "@/components/i18n/useText";
import type { DeviceView } from "@/lib/chain/devices";
import { describeHashCheck, type HashCheck } from "@/lib/did/hashCheck";
import { useDocumentCheck } from "./useDeviceReads";

const tones = {
  ok: "border-brand-100 bg-brand-50 text-brand-900",
  warn: "border-amber-200 bg-amber-50 text-amber-900",
  bad: "border-red-200 bg-red-50 text-red-900",
  muted: "border-slate-200 bg-slate-50 text-slate-700",
} as const;
const marks = { ok: "✓", warn: "!", bad: "✕", muted: "·" } as const;

export function Badge({ tone, children, result }: { tone: keyof typeof tones; children: string; result?: string }) {
  return (
    <span data-testid="document-badge" data-result={result} className={`inline-flex items-center gap-1 rounded-full border px-2 py-0.5 text-xs font-medium ${tones[tone]}`}>
      <span aria-hidden>{marks[tone]}</span>
      {children}
    </span>
  );
}

export function HashCheckBadge({ check }: { check: HashCheck }) {
  const say = useText();
  const { label, tone } = describeHashCheck(check);
  return (
    <Badge tone={tone} result={check.result}>
      {say(label)}
    </Badge>
  );
}

/** The list's document status: one word for the row, the full sentence lives on the device page. */
export function DocumentBadge({ view, chainId }: { view: DeviceView; chainId: number }) {
  const t = useTranslations("Documents.badge");
  const { check, pending, error } = useDocumentCheck(view, chainId);
  if (!view.registered) {
    return (
      <Badge tone="muted" result="removed">
        {view.id !== undefined ? t("removed") : t("notRegistered")}
      </Badge>
    );
  }
  if (view.documentURI.state === "over-cap") return <Badge tone="warn" result="unverifiable">{t("large")}</Badge>;
  if (check) return <HashCheckBadge check={check} />;
  if (error) return <Badge tone="warn" result="error">{t("failed")}</Badge>;
  return <Badge tone="muted" result="pending">{pending ? t("checking") : t("notChecked")}</Badge>;
}
