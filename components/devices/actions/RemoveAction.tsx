"use client";

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
  const chainId = chainConfig.chain.id;
  const client = usePublicClient({ chainId });
  const [session, setSession] = useState<DeviceSession>();
  const [understood, setUnderstood] = useState(false);
  const tx = useContractTx(chainId);
  const busy = ["preparing", "simulating", "signing", "pending"].includes(tx.state.phase);

  if (tx.state.phase === "done") return <TxProgress state={tx.state} chainId={chainId} done="The registration was removed. The DID no longer resolves." />;

  return (
    <div className="space-y-4">
      <div className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900" data-testid="remove-warning">
        <p className="font-medium">Removing cannot be undone.</p>
        <ul className="mt-1 list-disc space-y-1 pl-5">
          <li>The device&apos;s DID record, its document and the link to its wallet are deleted; the DID stops resolving.</li>
          <li>The ioID #{view.id?.toString()} itself is not burned: it stays in your wallet, without a device.</li>
          <li>
            The device NFT stays inside the device wallet and stays marked as used: <strong>it can never register a device again</strong>.
          </li>
        </ul>
      </div>
      <div>
        <p className="mb-2 text-sm font-medium">Connect the device (it must sign the removal)</p>
        <DeviceConnect device={view.device!} session={session} onSession={setSession} />
      </div>
      <label className="flex items-start gap-2 text-sm">
        <input type="checkbox" className="mt-1" checked={understood} onChange={(event) => setUnderstood(event.target.checked)} />I understand that the device NFT can never be used again and this cannot be undone.
      </label>
      <TxProgress state={tx.state} chainId={chainId} done="" />
      <button
        type="button"
        className="inline-flex min-h-11 items-center justify-center rounded-md bg-red-700 px-4 py-2 font-medium text-white hover:bg-red-800 disabled:cursor-not-allowed disabled:bg-slate-300"
        disabled={!session || !understood || busy || !client}
        onClick={() =>
          void tx.run(async (progress) => {
            progress("Asking the device to sign the removal…");
            const registry = chainConfig.contracts.ioIDRegistry;
            return deviceSignedPlan(client!, { chainId, registry, device: view.device!, owner }, session!, (sig) => removeCall(registry, view.device!, sig));
          })
        }
      >
        Sign with the device and remove
      </button>
    </div>
  );
}
