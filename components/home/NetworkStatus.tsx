"use client";

import { useTranslations } from "next-intl";
import { useAccount, useChainId, useReadContract } from "wagmi";
import { ioIDAbi } from "@/lib/chain/abi";
import { getChainConfig } from "@/lib/chain/config";
import { StepCard } from "@/components/ui/Card";
import { useLocaleFormat } from "@/components/i18n/useLocaleFormat";

/** Where the app is pointed right now: a quick way for an owner (and a test) to see the wiring is live. */
export function NetworkStatus() {
  const t = useTranslations("NetworkStatus");
  const format = useLocaleFormat();
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
    <StepCard title={t("title")} id="network-status">
      <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="text-slate-500">{t("chain")}</dt>
        <dd data-testid="chain-name">{chainConfig ? t("chainName", { name: chainConfig.chain.name, id: String(chainId) }) : t("unsupportedChain", { id: String(chainId) })}</dd>
        <dt className="text-slate-500">{t("wallet")}</dt>
        <dd data-testid="wallet-status" className="break-all">
          {status === "connected" ? address : t("notConnected")}
        </dd>
        <dt className="text-slate-500">{t("registry")}</dt>
        <dd className="break-all font-mono text-xs">{chainConfig?.contracts.ioIDRegistry ?? "—"}</dd>
        <dt className="text-slate-500">{t("issued")}</dt>
        <dd data-testid="ioid-supply">{supply.isPending ? "…" : supply.isError ? t("rpcUnreachable") : format.number(supply.data)}</dd>
      </dl>
    </StepCard>
  );
}
