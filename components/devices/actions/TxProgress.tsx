"use client";

import { useTranslations } from "next-intl";
import { explorerTxUrl } from "@/lib/chain/config";
import { Alert } from "@/components/ui/Card";
import type { TxState } from "./useContractTx";
import { useText } from "@/components/i18n/useText";

/** Where a write stands, announced to screen readers as it moves; `done` says what changed. */
export function TxProgress({ state, chainId, done }: { state: TxState; chainId: number; done: string }) {
  const t = useTranslations("DeviceDetail.tx");
  const say = useText();
  if (state.phase === "idle") return null;
  const hash = "hash" in state ? state.hash : undefined;
  const link = hash ? explorerTxUrl(chainId, hash) : undefined;
  const txLine = hash && (
    <p className="break-all font-mono text-xs">
      {t("transaction")} {link ? <a className="underline" href={link} target="_blank" rel="noopener noreferrer">{hash}</a> : hash}
    </p>
  );
  if (state.phase === "failed") {
    return (
      <Alert tone="error" title={say(state.error.message)}>
        {state.error.action && <p>{say(state.error.action)}</p>}
        {txLine}
      </Alert>
    );
  }
  if (state.phase === "done") {
    return (
      <Alert tone="success" title={done}>
        {txLine}
      </Alert>
    );
  }
  const text = {
    preparing: state.phase === "preparing" ? state.what : "",
    simulating: t("simulating"),
    signing: t("signing"),
    pending: t("pending"),
  }[state.phase];
  return (
    <div role="status" aria-live="polite" className="rounded-md border border-sky-200 bg-sky-50 p-3 text-sm text-sky-900" data-testid="tx-progress">
      <p>{text}</p>
      {txLine}
    </div>
  );
}
