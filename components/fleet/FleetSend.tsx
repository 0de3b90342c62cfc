"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { formatIotx } from "@/lib/chain/formatIotx";
import type { CallBundling } from "@/lib/claim/bundling";
import { batchGasBudget, fleetPrompts } from "@/lib/claim/fleet/sendPlan";
import type { FleetState } from "@/lib/claim/fleet/queueState";
import { Alert, buttonClass } from "@/components/ui/Card";
import { useText } from "@/components/i18n/useText";

const short = (a: string) => `${a.slice(0, 6)}…${a.slice(-4)}`;

/** The queue's totals, how many prompts the send costs (said before it starts), the send itself and its progress. */
export function FleetSend({ state, bundling, connected, onSend }: { state: FleetState; bundling: CallBundling; connected: boolean; onSend: (options: { revokeAfter: boolean }) => void }) {
  const t = useTranslations("Fleet.send");
  const say = useText();
  const [revokeAfter, setRevokeAfter] = useState(false);
  const result = state.check.result;
  const { send } = state;
  if (send.status === "sending") {
    return (
      <p role="status" data-testid="fleet-progress" className="font-medium">
        {t("progress", { sent: send.sent, total: send.total })}
        {send.prompt ? t("prompt", { index: send.prompt.index, total: send.prompt.total }) : ""}
        {send.walletLimit ? t("walletLimit", { maxCalls: send.walletLimit.maxCalls, prompts: send.walletLimit.prompts }) : ""}
      </p>
    );
  }
  if (state.check.status === "failed") return <Alert tone="error" title={t("checkFailed")}>{state.check.error && say(state.check.error.message)}</Alert>;
  if (!result || state.check.status !== "checked") return null;
  const { plan, facts } = result;
  const ready = plan.rows.filter((r) => r.register).length;
  const prompts = fleetPrompts(plan, facts.registry, { bundling, limits: { maxGas: batchGasBudget(facts.blockGasLimit), maxCalls: state.walletMaxCalls }, revokeAfter });
  return (
    <div className="space-y-3">
      <ul className="text-sm" data-testid="fleet-projects">
        {plan.projects.map((p) => (
          <li key={p.projectId.toString()}>
            {t("project", { name: p.projectName, id: p.projectId.toString(), devices: p.devices, free: p.free, paid: p.paid, price: formatIotx(facts.price), fee: formatIotx(p.fee), left: p.quotaLeftAfter.toString() })}
          </li>
        ))}
      </ul>
      <p className={`text-sm ${plan.balance.ok ? "" : "text-red-800"}`}>
        {t("total", { fee: formatIotx(plan.totalFee), need: formatIotx(plan.balance.need), have: formatIotx(plan.balance.have) })}
      </p>
      {ready > 0 && (
        <p className="text-sm" data-testid="fleet-prompts">
          {bundling === "none"
            ? t("promptsNone", {
                approvals: plan.unapproved.length,
                ready,
                revoke: revokeAfter ? "yes" : "no",
                revokes: plan.unapproved.length,
                collections: plan.unapproved.map(short).join(", ") || "—",
              })
            : prompts.length === 1
              ? t("promptsOne", { ready, atomic: bundling === "atomic" ? "yes" : "no" })
              : bundling === "atomic"
                ? t("promptsAtomic", { prompts: prompts.length, ready, batches: prompts.length })
                : t("promptsBundles", { prompts: prompts.length, maxCalls: state.walletMaxCalls ?? 0, ready, bundles: prompts.length })}
        </p>
      )}
      {bundling === "none" && plan.unapproved.length > 0 && (
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={revokeAfter} onChange={(e) => setRevokeAfter(e.target.checked)} />
          {t("revoke")}
        </label>
      )}
      <button type="button" className={buttonClass.primary} disabled={!connected || ready === 0 || !plan.balance.ok} onClick={() => onSend({ revokeAfter })}>
        {t("claim", { count: ready })}
      </button>
    </div>
  );
}
