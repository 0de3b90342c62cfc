"use client";

import { useSwitchChain } from "wagmi";
import { chainConfigs } from "@/lib/chain/config";
import { explainError } from "@/lib/chain/revertMessages";
import { Alert, buttonClass } from "@/components/ui/Card";

/** The wallet is on a chain this app does not serve: say which, and offer the ones it does. */
export function WrongNetwork({ chainId }: { chainId: number | undefined }) {
  const { switchChain, isPending, error, variables } = useSwitchChain();
  return (
    <Alert tone="error" title="Your wallet is on another network">
      <p>
        It is connected to chain {chainId ?? "unknown"}, where this app has no ioID registry. Switch to one of these to see your
        devices:
      </p>
      <div className="mt-2 flex flex-wrap gap-2">
        {chainConfigs.map((c) => (
          <button key={c.chain.id} type="button" className={buttonClass.secondary} disabled={isPending} onClick={() => switchChain({ chainId: c.chain.id })}>
            {isPending && variables?.chainId === c.chain.id ? `Switching to ${c.chain.name}…` : c.chain.name}
          </button>
        ))}
      </div>
      {error && <p className="mt-2">{explainError(error).message} {explainError(error).action}</p>}
    </Alert>
  );
}
