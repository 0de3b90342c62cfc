"use client";

import { useTranslations } from "next-intl";
import { useMemo } from "react";
import { useAccount, useCapabilities, useChainId, useConfig } from "wagmi";
import { wagmiWallet } from "@/components/wallet/wagmiWallet";
import { bundlingOf } from "@/lib/claim/bundling";
import { Alert, StepCard } from "@/components/ui/Card";
import { FleetAdd } from "./FleetAdd";
import { FleetQueue } from "./FleetQueue";
import { FleetResults } from "./FleetResults";
import { FleetSend } from "./FleetSend";
import { useFleet, type FleetOptions } from "./useFleet";

/**
 * Many devices in one flow: queue them, check them together, send them in as few prompts as the connected wallet
 * allows (its EIP-5792 capabilities say how it takes a bundle). The embed flow restricts it to a project or a
 * collection and hears each device's outcome.
 */
export function FleetClaim(options: FleetOptions) {
  const config = useConfig();
  const chainId = useChainId();
  const { address } = useAccount();
  const connected = useMemo(() => wagmiWallet(config, chainId), [config, chainId]);
  const capabilities = useCapabilities({ chainId, query: { enabled: Boolean(address), retry: false } });
  const wallet = address ? connected : undefined;
  const bundling = bundlingOf(capabilities.data);
  const { state, controller, owner, chainConfig } = useFleet(wallet, options);
  const t = useTranslations("Fleet.claim");
  if (!chainConfig) return <Alert tone="error" title={t("unsupportedTitle")}>{t("unsupported")}</Alert>;
  return (
    <div className="space-y-4">
      <StepCard step={1} title={t("addTitle")} id="fleet-add">
        <FleetAdd state={state} adders={controller} />
      </StepCard>
      {state.rows.length > 0 && (
        <StepCard step={2} title={t("queueTitle", { count: state.rows.length })} id="fleet-queue">
          {!owner && <p className="mb-2 text-sm">{t("connectFirst")}</p>}
          <FleetQueue state={state} onRemove={controller.remove} onToken={controller.chooseToken} />
        </StepCard>
      )}
      {state.rows.length > 0 && (
        <StepCard step={3} title={t("claimTitle")} id="fleet-send">
          <FleetSend state={state} bundling={bundling} connected={Boolean(owner && wallet)} onSend={(o) => void controller.send(o)} />
          <div className="mt-3">
            <FleetResults state={state} chainId={chainConfig.chain.id} onRetry={controller.retryFailed} />
          </div>
        </StepCard>
      )}
    </div>
  );
}
