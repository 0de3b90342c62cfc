"use client";

import { useTranslations } from "next-intl";
import type { Address } from "viem";
import { Alert } from "@/components/ui/Card";

const short = (a: string) => `${a.slice(0, 6)}…${a.slice(-4)}`;

/** Step 2 of a claim that needs no device NFT from the owner: through a project's proxy contract. */
export function ProxyNote({ proxy, projectName }: { proxy: Address; projectName: string | undefined }) {
  const t = useTranslations("Claim");
  return (
    <p data-testid="proxy-note" className="text-sm text-slate-600">
      {t("proxyNote", { projectName: projectName ?? "none", proxy: short(proxy) })}
    </p>
  );
}

/** Above the take-over checklist: what is offered and what it means, before the owner reads the rows. */
export function TakeOverNote({ ioID }: { ioID: bigint }) {
  const t = useTranslations("Claim");
  return (
    <div className="mb-3" data-testid="takeover-offer">
      <Alert tone="info" title={t("takeOverTitle")}>
        <p>
          {t("takeOverBefore", { ioID: ioID.toString() })}
          <strong>{t("takeOverStrong")}</strong>
          {t("takeOverAfter")}
        </p>
      </Alert>
    </div>
  );
}
