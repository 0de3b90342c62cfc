"use client";

import { useTranslations } from "next-intl";
import { useText } from "@/components/i18n/useText";
import type { DeviceView } from "@/lib/chain/devices";
import { describeHashCheck, type HashCheck } from "@/lib/did/hashCheck";
import { Badge } from "./StatusBadge";
import { useDocumentCheck } from "./useDeviceReads";

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
