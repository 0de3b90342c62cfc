"use client";

import { useAccount, useChainId, useReadContract } from "wagmi";
import { ioIDAbi } from "@/lib/chain/abi";
import { getChainConfig } from "@/lib/chain/config";
import { StepCard } from "@/components/ui/Card";

/** Where the app is pointed right now: a quick way for an owner (and a test) to see the wiring is live. */
export function NetworkStatus() {
  const { address, status } = useAccount();
  const chainId = useChainId();
  const chainConfig = getChainConfig(chainId);
  const supply = useReadContract({
    address: chainConfig?.contracts.ioID,
    abi: ioIDAbi,
    functionName: "totalSupply",
    chainId,
    query: { enabled: Boolean(chainConfig) },
  });

  return (
    <StepCard title="Network" id="network-status">
      <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="text-slate-500">Chain</dt>
        <dd data-testid="chain-name">{chainConfig ? `${chainConfig.chain.name} (${chainId})` : `Unsupported chain ${chainId}`}</dd>
        <dt className="text-slate-500">Wallet</dt>
        <dd data-testid="wallet-status" className="break-all">
          {status === "connected" ? address : "Not connected"}
        </dd>
        <dt className="text-slate-500">ioID registry</dt>
        <dd className="break-all font-mono text-xs">{chainConfig?.contracts.ioIDRegistry ?? "—"}</dd>
        <dt className="text-slate-500">ioIDs issued</dt>
        <dd data-testid="ioid-supply">
          {supply.isPending ? "…" : supply.isError ? "RPC unreachable" : supply.data.toString()}
        </dd>
      </dl>
    </StepCard>
  );
}
