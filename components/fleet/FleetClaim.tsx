"use client";

import type { CallBundling } from "@/lib/claim/bundling";
import type { ClaimWallet } from "@/lib/claim/execute";
import { Alert, StepCard } from "@/components/ui/Card";
import { FleetAdd } from "./FleetAdd";
import { FleetQueue } from "./FleetQueue";
import { FleetResults } from "./FleetResults";
import { FleetSend } from "./FleetSend";
import { useFleet } from "./useFleet";

/** Many devices in one flow: queue them, check them together, send them in as few prompts as the wallet allows. */
export function FleetClaim({ wallet, bundling }: { wallet: ClaimWallet | undefined; bundling: CallBundling }) {
  const { state, controller, owner, chainConfig } = useFleet(wallet);
  if (!chainConfig) return <Alert tone="error" title="Unsupported network">Switch your wallet to IoTeX or the local devnet to claim devices.</Alert>;
  return (
    <div className="space-y-4">
      <StepCard step={1} title="Add devices" id="fleet-add">
        <FleetAdd state={state} onList={controller.addList} onFile={controller.addFile} />
      </StepCard>
      {state.rows.length > 0 && (
        <StepCard step={2} title={`Queue: ${state.rows.length} device${state.rows.length === 1 ? "" : "s"}`} id="fleet-queue">
          {!owner && <p className="mb-2 text-sm">Connect your wallet: the devices are checked for the account that claims them.</p>}
          <FleetQueue state={state} onRemove={controller.remove} onToken={controller.chooseToken} />
        </StepCard>
      )}
      {state.rows.length > 0 && (
        <StepCard step={3} title="Claim" id="fleet-send">
          <FleetSend state={state} bundling={bundling} connected={Boolean(owner && wallet)} onSend={(o) => void controller.send(o)} />
          <div className="mt-3">
            <FleetResults state={state} chainId={chainConfig.chain.id} onRetry={controller.retryFailed} />
          </div>
        </StepCard>
      )}
    </div>
  );
}
