"use client";

import { useTranslations } from "next-intl";
import { defaultChainConfig } from "@/lib/chain/config";
import { resultsCsv, resultsJson } from "@/lib/claim/fleet/export";
import type { FleetState } from "@/lib/claim/fleet/queueState";
import type { ClaimResult } from "@/lib/claim/machine";
import { buttonClass } from "@/components/ui/Card";

function download(name: string, type: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = Object.assign(document.createElement("a"), { href: url, download: name });
  a.click();
  URL.revokeObjectURL(url);
}

const devicePage = (did: string, chainId: number) => `/devices/${encodeURIComponent(did)}${chainId === defaultChainConfig.chain.id ? "" : `?chain=${chainId}`}`;

/** Every claimed device: DID, ioID, device wallet and transaction, linked to its page and kept as CSV or JSON. */
export function FleetResults({ state, chainId, onRetry }: { state: FleetState; chainId: number; onRetry: () => void }) {
  const t = useTranslations("Fleet.results");
  const results = state.rows.flatMap((r) => (r.result ? [r.result] : [])) as ClaimResult[];
  const failed = state.rows.filter((r) => r.status === "failed").length;
  if (results.length === 0 && failed === 0) return null;
  return (
    <div className="space-y-3">
      <p role="status" data-testid="fleet-summary">
        {t("summary", { claimed: results.length, failed })}
      </p>
      {results.length > 0 && (
        <table className="w-full text-left text-sm" data-testid="fleet-results">
          <caption className="sr-only">{t("caption")}</caption>
          <thead>
            <tr className="border-b text-slate-600">
              <th scope="col">{t("did")}</th>
              <th scope="col">{t("ioID")}</th>
              <th scope="col">{t("wallet")}</th>
              <th scope="col">{t("transaction")}</th>
            </tr>
          </thead>
          <tbody>
            {results.map((r) => (
              <tr key={r.did} className="border-b font-mono text-xs">
                <td><a className="text-brand-700 underline" href={devicePage(r.did, chainId)}>{r.did}</a></td>
                <td>#{r.ioID.toString()}</td>
                <td>{r.wallet}</td>
                <td>{r.txHash.slice(0, 10)}…</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="flex flex-wrap gap-2">
        {results.length > 0 && (
          <>
            <button type="button" className={buttonClass.secondary} onClick={() => download("ioid-fleet.csv", "text/csv", resultsCsv(results))}>{t("exportCsv")}</button>
            <button type="button" className={buttonClass.secondary} onClick={() => download("ioid-fleet.json", "application/json", resultsJson(results))}>{t("exportJson")}</button>
          </>
        )}
        {failed > 0 && state.send.status !== "sending" && (
          <button type="button" className={buttonClass.primary} onClick={onRetry}>{t("retry")}</button>
        )}
      </div>
    </div>
  );
}
