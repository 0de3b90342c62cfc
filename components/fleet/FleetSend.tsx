"use client";

import { useState } from "react";
import { formatIotx } from "@/lib/chain/formatIotx";
import type { CallBundling } from "@/lib/claim/bundling";
import { batchGasBudget, fleetPrompts } from "@/lib/claim/fleet/sendPlan";
import type { FleetState } from "@/lib/claim/fleet/queueState";
import { Alert, buttonClass } from "@/components/ui/Card";

const short = (a: string) => `${a.slice(0, 6)}…${a.slice(-4)}`;

/** The queue's totals, how many prompts the send costs (said before it starts), the send itself and its progress. */
export function FleetSend({ state, bundling, connected, onSend }: { state: FleetState; bundling: CallBundling; connected: boolean; onSend: (options: { revokeAfter: boolean }) => void }) {
  const [revokeAfter, setRevokeAfter] = useState(false);
  const result = state.check.result;
  const { send } = state;
  if (send.status === "sending") {
    return (
      <p role="status" data-testid="fleet-progress" className="font-medium">
        {send.sent} of {send.total} sent{send.prompt ? ` · wallet prompt ${send.prompt.index} of ${send.prompt.total}` : ""}
        {send.walletLimit ? ` · your wallet takes at most ${send.walletLimit.maxCalls} calls at once, so it asks ${send.walletLimit.prompts} times` : ""}
      </p>
    );
  }
  if (state.check.status === "failed") return <Alert tone="error" title="The queue could not be checked">{state.check.error?.message}</Alert>;
  if (!result || state.check.status !== "checked") return null;
  const { plan, facts } = result;
  const ready = plan.rows.filter((r) => r.register).length;
  const prompts = fleetPrompts(plan, facts.registry, { bundling, limits: { maxGas: batchGasBudget(facts.blockGasLimit), maxCalls: state.walletMaxCalls }, revokeAfter });
  return (
    <div className="space-y-3">
      <ul className="text-sm" data-testid="fleet-projects">
        {plan.projects.map((p) => (
          <li key={p.projectId.toString()}>
            {p.projectName} (project #{p.projectId.toString()}): {p.devices} device{p.devices === 1 ? "" : "s"}, {p.free} free from the prepaid quota
            {p.paid > 0 ? `, ${p.paid} at ${formatIotx(facts.price)}` : ""}: {formatIotx(p.fee)}; {p.quotaLeftAfter.toString()} prepaid ioIDs left after.
          </li>
        ))}
      </ul>
      <p className={`text-sm ${plan.balance.ok ? "" : "text-red-800"}`}>
        Total {formatIotx(plan.totalFee)} in fees; with gas about {formatIotx(plan.balance.need)}. Your balance: {formatIotx(plan.balance.have)}.
      </p>
      {ready > 0 && (
        <p className="text-sm" data-testid="fleet-prompts">
          {bundling === "none"
            ? `Your wallet will ask ${plan.unapproved.length} + ${ready}${revokeAfter ? ` + ${plan.unapproved.length}` : ""} times: first ${plan.unapproved.length === 1 ? "one approval" : `${plan.unapproved.length} approvals`} for all (the ioID registry may then move your device NFTs of ${plan.unapproved.map(short).join(", ") || "—"} into each device's wallet), then one per device.`
            : prompts.length === 1
              ? `One wallet confirmation: your wallet sends all ${ready} registrations ${bundling === "atomic" ? "together" : "one after another"}, with the registry's permission over your device NFTs given at the start and withdrawn at the end.`
              : bundling === "atomic"
                ? `${prompts.length} wallet confirmations: your wallet sends all-or-nothing batches, each must fit in one block, so the ${ready} registrations go in ${prompts.length} batches.`
                : `${prompts.length} wallet confirmations: your wallet takes at most ${state.walletMaxCalls} calls at once, so the ${ready} registrations go in ${prompts.length} bundles.`}
        </p>
      )}
      {bundling === "none" && plan.unapproved.length > 0 && (
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={revokeAfter} onChange={(e) => setRevokeAfter(e.target.checked)} />
          Withdraw that approval once the devices are registered (one more prompt per collection)
        </label>
      )}
      <button type="button" className={buttonClass.primary} disabled={!connected || ready === 0 || !plan.balance.ok} onClick={() => onSend({ revokeAfter })}>
        Claim {ready} device{ready === 1 ? "" : "s"}
      </button>
    </div>
  );
}
