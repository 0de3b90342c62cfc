"use client";

import { useTranslations } from "next-intl";
import { lazy, Suspense, use } from "react";
import { defaultChainConfig, getChainConfig } from "@/lib/chain/config";
import { StepCard } from "@/components/ui/Card";
import { useLocaleFormat } from "@/components/i18n/useLocaleFormat";
import { useWalletAccount, useWalletChainId, useWalletStack } from "@/components/wallet/walletStackContext";

// A live read through wagmi, once the wallet stack has loaded (a wallet connected): until then the server's read
// of the default chain stands, so the home page loads no wallet code of its own.
const LiveSupply = lazy(() => import("./LiveSupply"));

/** Where the app is pointed right now: a quick way for an owner (and a test) to see the wiring is live. */
export function NetworkStatus({ serverSupply }: { serverSupply: Promise<bigint | undefined> }) {
  const t = useTranslations("NetworkStatus");
  const format = useLocaleFormat();
  const { address, status } = useWalletAccount();
  const chainId = useWalletChainId();
  const { config } = useWalletStack();
  const chainConfig = getChainConfig(chainId);
  const show = (supply: bigint | undefined) => (supply === undefined ? t("rpcUnreachable") : format.number(supply));

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
        <dd data-testid="ioid-supply">
          <Suspense fallback="…">
            {config && chainConfig ? (
              <LiveSupply chainConfig={chainConfig} show={show} />
            ) : chainId === defaultChainConfig.chain.id ? (
              <ServerSupply supply={serverSupply} show={show} />
            ) : (
              "…"
            )}
          </Suspense>
        </dd>
      </dl>
    </StepCard>
  );
}

function ServerSupply({ supply, show }: { supply: Promise<bigint | undefined>; show: (supply: bigint | undefined) => string }) {
  return show(use(supply));
}
