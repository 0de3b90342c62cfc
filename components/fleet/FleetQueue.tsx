"use client";

import { useText } from "@/components/i18n/useText";
import { formatIotx } from "@/lib/chain/formatIotx";
import { checkTitle } from "@/lib/claim/checklist";
import type { PlannedRow } from "@/lib/claim/fleet/plan";
import type { FleetState, QueueRow } from "@/lib/claim/fleet/queueState";
import type { Text } from "@/lib/i18n/text";

const shortDid = (did: string) => `${did.slice(0, 14)}…${did.slice(-4)}`;

/** What a row says: its state, and when it cannot be claimed, the first reason why, in the owner's words. */
function verdict(row: QueueRow, planned: PlannedRow | undefined, checking: boolean, say: (said: Text) => string): { text: string; ok: boolean } {
  if (row.status === "done") return { text: `Claimed: ioID #${row.result?.ioID}`, ok: true };
  if (row.status === "sent") return { text: "Sent: waiting for the network", ok: true };
  if (row.status === "failed") return { text: `${row.failure?.said ? say(row.failure.said) : (row.failure?.message ?? "Failed.")}${row.failure?.action ? ` ${row.failure.action}` : ""}`, ok: false };
  if (!planned) return { text: checking ? "Checking…" : "Not checked yet", ok: true };
  const failed = planned.checklist.checks.find((c) => !c.ok);
  return failed ? { text: `${say(checkTitle(failed.id))}: ${say(failed.reason)}${failed.advice ? ` ${say(failed.advice)}` : ""}`, ok: false } : { text: `Ready (${planned.checklist.checks.length} checks passed)`, ok: true };
}

export function FleetQueue({ state, onRemove, onToken }: { state: FleetState; onRemove: (key: string) => void; onToken: (key: string, tokenId: bigint | undefined) => void }) {
  const plan = state.check.result?.plan;
  const byKey = new Map(plan?.rows.map((r) => [r.key, r]));
  const checking = state.check.status === "checking";
  const say = useText();
  const locked = state.send.status === "sending";
  return (
    <table className="w-full text-left text-sm">
      <caption className="sr-only">Devices in the queue</caption>
      <thead>
        <tr className="border-b text-slate-600">
          <th scope="col" className="py-1">Device</th>
          <th scope="col">Device NFT</th>
          <th scope="col">Fee</th>
          <th scope="col">Checks</th>
          <th scope="col"><span className="sr-only">Remove</span></th>
        </tr>
      </thead>
      <tbody>
        {state.rows.map((row) => {
          const planned = row.status === "queued" ? byKey.get(row.key) : undefined;
          const v = verdict(row, planned, checking, say);
          return (
            <tr key={row.key} data-testid="fleet-row" data-status={row.status} data-ok={String(v.ok && (row.status !== "queued" || Boolean(planned?.register)))} className="border-b align-top">
              <td className="py-1 font-mono text-xs" title={row.entry.input.did}>{shortDid(row.entry.input.did)}</td>
              <td>
                {row.status === "queued" ? (
                  <input
                    aria-label={`Device NFT token for ${row.entry.input.did}`}
                    inputMode="numeric"
                    className="w-20 rounded border border-slate-300 px-1"
                    placeholder={planned?.nft?.tokenId?.toString() ?? "auto"}
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
                  <button type="button" className="text-xs text-slate-500 underline" onClick={() => onRemove(row.key)} aria-label={`Remove ${row.entry.input.did}`}>
                    Remove
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
