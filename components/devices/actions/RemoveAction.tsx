"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import type { Address } from "viem";
import { usePublicClient } from "wagmi";
import type { ChainConfig } from "@/lib/chain/config";
import type { DeviceView } from "@/lib/chain/devices";
import { deviceSignedPlan } from "@/lib/claim/deviceActions";
import { removeCall } from "@/lib/claim/deviceCalls";
import type { DeviceSession } from "@/lib/device/session";
import { DeviceConnect } from "./DeviceConnect";
import { TxProgress } from "./TxProgress";
import { useContractTx } from "./useContractTx";

/** `remove(device)`: device-signed, and final for the device NFT (PROTOCOL.md §2), which the warning says. */
export function RemoveAction({ view, owner, chainConfig }: { view: DeviceView; owner: Address; chainConfig: ChainConfig }) {
  const t = useTranslations("DeviceDetail.remove");
  const chainId = chainConfig.chain.id;
  const client = usePublicClient({ chainId });
  const [session, setSession] = useState<DeviceSession>();
  const [understood, setUnderstood] = useState(false);
  const tx = useContractTx(chainId);
  const busy = ["preparing", "simulating", "signing", "pending"].includes(tx.state.phase);

  if (tx.state.phase === "done") return <TxProgress state={tx.state} chainId={chainId} done={t("done")} />;

  return (
    <div className="space-y-4">
      <div className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900" data-testid="remove-warning">
        <p className="font-medium">{t("warning")}</p>
        <ul className="mt-1 list-disc space-y-1 pl-5">
          <li>{t("deleted")}</li>
          <li>{t("ioidStays", { id: view.id?.toString() ?? "" })}</li>
          <li>{t.rich("nftUsed", { strong: (chunks) => <strong>{chunks}</strong> })}</li>
        </ul>
      </div>
      <div>
        <p className="mb-2 text-sm font-medium">{t("connect")}</p>
        <DeviceConnect device={view.device!} session={session} onSession={setSession} />
      </div>
      <label className="flex items-start gap-2 text-sm">
        <input type="checkbox" className="mt-1" checked={understood} onChange={(event) => setUnderstood(event.target.checked)} />
        {t("understood")}
      </label>
      <TxProgress state={tx.state} chainId={chainId} done="" />
      <button
        type="button"
        className="inline-flex min-h-11 items-center justify-center rounded-md bg-red-700 px-4 py-2 font-medium text-white hover:bg-red-800 disabled:cursor-not-allowed disabled:bg-slate-300"
        disabled={!session || !understood || busy || !client}
        onClick={() =>
          void tx.run(async (progress) => {
            progress(t("asking"));
            const registry = chainConfig.contracts.ioIDRegistry;
            return deviceSignedPlan(client!, { chainId, registry, device: view.device!, owner }, session!, (sig) => removeCall(registry, view.device!, sig));
          })
        }
      >
        {t("submit")}
      </button>
    </div>
  );
}
