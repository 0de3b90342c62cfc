"use client";

import { useText } from "@/components/i18n/useText";
import { useTranslations } from "next-intl";
import { formatIotx } from "@/lib/chain/formatIotx";
import { checkTitle } from "@/lib/claim/checkTitle";
import type { PlannedRow } from "@/lib/claim/fleet/plan";
import type { FleetState, QueueRow } from "@/lib/claim/fleet/queueState";
import type { Text } from "@/lib/i18n/text";

const shortDid = (did: string) => `${did.slice(0, 14)}…${did.slice(-4)}`;

/** What a row says: its state, and when it cannot be claimed, the first reason why, in the owner's words. */
function verdict(t: ReturnType<typeof useTranslations<"Fleet.queue">>, row: QueueRow, planned: PlannedRow | undefined, checking: boolean, say: (said: Text) => string): { text: string; ok: boolean } {
  if (row.status === "done") return { text: t("claimed", { ioID: String(row.result?.ioID) }), ok: true };
  if (row.status === "sent") return { text: t("sent"), ok: true };
  if (row.status === "failed") return { text: row.failure ? [row.failure.message, row.failure.action].flatMap((s) => (s ? [say(s)] : [])).join(" ") : t("failed"), ok: false };
  if (!planned) return { text: checking ? t("checking") : t("notChecked"), ok: true };
  const failed = planned.checklist.checks.find((c) => !c.ok);
  return failed ? { text: t("reason", { title: say(checkTitle(failed.id)), reason: failed.advice ? `${say(failed.reason)} ${say(failed.advice)}` : say(failed.reason) }), ok: false } : { text: t("ready", { count: planned.checklist.checks.length }), ok: true };
}

export function FleetQueue({ state, onRemove, onToken }: { state: FleetState; onRemove: (key: string) => void; onToken: (key: string, tokenId: bigint | undefined) => void }) {
  const t = useTranslations("Fleet.queue");
  const plan = state.check.result?.plan;
  const byKey = new Map(plan?.rows.map((r) => [r.key, r]));
  const checking = state.check.status === "checking";
  const say = useText();
  const locked = state.send.status === "sending";
  return (
    <table className="w-full text-left text-sm">
      <caption className="sr-only">{t("caption")}</caption>
      <thead>
        <tr className="border-b text-slate-600">
          <th scope="col" className="py-1">{t("device")}</th>
          <th scope="col">{t("nft")}</th>
          <th scope="col">{t("fee")}</th>
          <th scope="col">{t("checks")}</th>
          <th scope="col"><span className="sr-only">{t("remove")}</span></th>
        </tr>
      </thead>
      <tbody>
        {state.rows.map((row) => {
          const planned = row.status === "queued" ? byKey.get(row.key) : undefined;
          const v = verdict(t, row, planned, checking, say);
          return (
            <tr key={row.key} data-testid="fleet-row" data-status={row.status} data-ok={String(v.ok && (row.status !== "queued" || Boolean(planned?.register)))} className="border-b align-top">
              <td className="py-1 font-mono text-xs" title={row.entry.input.did}>{shortDid(row.entry.input.did)}</td>
              <td>
                {row.status === "queued" ? (
                  <input
                    aria-label={t("nftLabel", { did: row.entry.input.did })}
                    inputMode="numeric"
                    className="w-20 rounded border border-slate-300 px-1"
                    placeholder={planned?.nft?.tokenId?.toString() ?? t("auto")}
                    defaultValue={row.tokenId?.toString() ?? ""}
                    disabled={locked}
                    onBlur={(e) => {
                      const value = e.target.value.trim();
                      const next = /^\d+$/.test(value) ? BigInt(value) : undefined;
                      if (next !== row.tokenId) onToken(row.key, next);
                    }}
                  />
                ) : (
                  <span>—</span>
                )}
              </td>
              <td>{planned?.register ? formatIotx(planned.fee) : "—"}</td>
              <td data-testid="fleet-row-reason" className={v.ok ? "text-slate-700" : "text-red-800"}>{v.text}</td>
              <td>
                {row.status !== "sent" && row.status !== "done" && !locked && (
                  <button type="button" className="text-xs text-slate-500 underline" onClick={() => onRemove(row.key)} aria-label={t("removeLabel", { did: row.entry.input.did })}>
                    {t("remove")}
                  </button>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
