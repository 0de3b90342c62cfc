"use client";

import { ConnectButton } from "@/components/wallet/ConnectButton";
import { useTranslations } from "next-intl";
import { useCallback, useEffect, useMemo, useRef, useSyncExternalStore } from "react";
import { useAccount, useChainId, useSwitchChain, type State } from "wagmi";
import { ClaimFlow } from "@/components/claim/ClaimFlow";
import { FleetClaim } from "@/components/fleet/FleetClaim";
import type { ClaimFlowEvent } from "@/lib/claim/controllerPorts";
import { Alert, buttonClass } from "@/components/ui/Card";
import { Providers } from "@/components/wallet/Providers";
import { getChainConfig } from "@/lib/chain/config";
import type { OutgoingMessage } from "@/lib/embed/messages";
import type { EmbedParams } from "@/lib/embed/params";
import { embedMessage, messageForClaimEvent } from "@/lib/embed/claimMessages";
import type { EmbedMode } from "@/lib/embed/protocol";
import { redirectUrl } from "@/lib/embed/redirect";
import { accentVariables } from "./embedTheme";
import { useHostWords, type HostCatalog } from "./useHostWords";
import "./embed.css";

/**
 * The validated URL parameters (lib/embed/params.ts) as the server hands them over: the chain resolved to the
 * build's default when absent, the project id as a decimal string (props cross as JSON). `hostOrigin` is
 * allow-listed: the only origin this page ever posts to or returns to.
 */
export type EmbedConfig = Omit<EmbedParams, "chainId" | "projectId"> & { chainId: number; projectId: string | undefined };

export function EmbedClaim({ config, initialState, hostCatalog }: { config: EmbedConfig; initialState: State | undefined; hostCatalog: HostCatalog }) {
  const ui = useMemo(
    () => ({
      theme: config.theme,
      accent: config.accent,
      locale: config.locale,
      chainId: config.chainId,
      modalSize: "compact" as const,
    }),
    [config],
  );
  const dark = config.theme === "dark";
  return (
    <Providers initialState={initialState} ui={ui}>
      <div className={`flex min-h-dvh flex-col bg-slate-50 text-slate-900 ${dark ? "embed-dark" : ""}`} style={accentVariables(config.accent, dark)}>
        <EmbedFlow config={config} hostCatalog={hostCatalog} />
      </div>
    </Providers>
  );
}

/** The window that opened this page: the host's frame (iframe mode) or tab (popup mode); none when redirecting. */
function hostWindow(mode: EmbedMode): Window | null {
  if (mode === "iframe") return window.parent === window ? null : window.parent;
  if (mode === "popup") return (window.opener as Window | null) ?? null;
  return null;
}

const noSubscription = () => () => {};

function EmbedFlow({ config, hostCatalog }: { config: EmbedConfig; hostCatalog: HostCatalog }) {
  const { mode, hostOrigin, chainId: wantedChainId } = config;
  const chain = getChainConfig(wantedChainId)!.chain;
  const t = useTranslations("Embed");
  const english = useHostWords(hostCatalog);
  const { isConnected } = useAccount();
  const chainId = useChainId();
  const switcher = useSwitchChain();
  const lastFailure = useRef<string | undefined>(undefined);
  // Server render: assume a host; the client knows (a popup whose opener went away, a page opened directly).
  const hasHost = useSyncExternalStore(noSubscription, () => mode === "redirect" || hostWindow(mode) !== null, () => true);

  // postMessage's targetOrigin makes the browser drop the message unless the host window is still on that origin.
  const post = useCallback((message: OutgoingMessage) => hostWindow(mode)?.postMessage(message, hostOrigin), [mode, hostOrigin]);

  const close = useCallback(() => {
    if (mode === "redirect") {
      const code = lastFailure.current;
      window.location.assign(redirectUrl(config.returnTo!, code ? { status: "failed", code } : { status: "cancelled" }));
      return;
    }
    post(embedMessage("closed"));
    if (mode === "popup") window.close();
  }, [mode, config.returnTo, post]);

  useEffect(() => {
    if (mode === "redirect") return;
    const ready = () => post(embedMessage("ready", { mode, chainId: wantedChainId }));
    ready();
    const onMessage = (event: MessageEvent) => {
      // Only the host window, on the allow-listed origin, may talk to the flow; everything else is ignored.
      if (event.origin !== hostOrigin || event.source === null || event.source !== hostWindow(mode)) return;
      // The schemas load with the host's first message: most hosts never send one.
      void import("@/lib/embed/messages").then(({ parseIncomingMessage }) => {
        const message = parseIncomingMessage(event.data);
        if (message?.type === "ping") ready();
        else if (message?.type === "close") close();
      });
    };
    window.addEventListener("message", onMessage);
    return () => window.removeEventListener("message", onMessage);
  }, [mode, hostOrigin, wantedChainId, post, close]);

  // Before a wallet connects, wagmi's chain is just the build's default: start on the host's chain instead.
  const { switchChain } = switcher;
  useEffect(() => {
    if (!isConnected && chainId !== wantedChainId) switchChain({ chainId: wantedChainId });
  }, [isConnected, chainId, wantedChainId, switchChain]);

  const onEvent = useCallback(
    (event: ClaimFlowEvent) => {
      post(messageForClaimEvent(event, wantedChainId, english));
      if (event.type === "failed") lastFailure.current = event.error.code;
      if (event.type === "succeeded" && mode === "redirect") {
        window.location.assign(redirectUrl(config.returnTo!, { status: "succeeded", chainId: wantedChainId, result: event.result }));
      }
    },
    [post, mode, wantedChainId, config.returnTo, english],
  );

  const host = new URL(hostOrigin).host;
  return (
    <>
      <header className="flex items-center gap-2 border-b border-slate-200 bg-white px-3 py-2">
        <div className="min-w-0">
          <h1 className="font-semibold leading-tight">{config.flow === "fleet" ? t("titleFleet") : t("titleOne")}</h1>
          <p className="truncate text-xs text-slate-500" data-testid="embed-restriction">
            {config.projectId
              ? t("projectOn", { projectId: config.projectId, chain: chain.name })
              : t("collectionOn", { collection: `${config.deviceNFT!.slice(0, 6)}…${config.deviceNFT!.slice(-4)}`, chain: chain.name })}
          </p>
        </div>
        <div className="ml-auto shrink-0">
          <ConnectButton showChain={false} />
        </div>
        {mode === "redirect" ? (
          <button type="button" className="shrink-0 text-sm text-slate-600 underline hover:text-slate-900" onClick={close}>
            {t("backTo", { host })}
          </button>
        ) : (
          <button
            type="button"
            aria-label={t("close")}
            className="flex size-9 shrink-0 items-center justify-center rounded-md text-xl text-slate-500 hover:bg-slate-100 hover:text-slate-900"
            onClick={close}
          >
            ×
          </button>
        )}
      </header>
      <main className="mx-auto w-full max-w-xl flex-1 space-y-3 p-3">
        {!hasHost && (
          <Alert tone="info" title={t("noHostTitle")}>
            <p>{t("noHostBody", { host })}</p>
          </Alert>
        )}
        {isConnected && chainId !== wantedChainId ? (
          <Alert tone="info" title={t("otherChainTitle", { chain: chain.name })}>
            <p>{t("otherChainBody")}</p>
            <button type="button" className={buttonClass.primary} disabled={switcher.isPending} onClick={() => switchChain({ chainId: wantedChainId })}>
              {t("switchTo", { chain: chain.name })}
            </button>
          </Alert>
        ) : config.flow === "fleet" ? (
          <FleetClaim
            requiredProjectId={config.projectId === undefined ? undefined : BigInt(config.projectId)}
            requiredDeviceNFT={config.deviceNFT}
            onOutcome={onEvent}
          />
        ) : (
          <ClaimFlow
            compact
            requiredProjectId={config.projectId === undefined ? undefined : BigInt(config.projectId)}
            requiredDeviceNFT={config.deviceNFT}
            onEvent={onEvent}
          />
        )}
      </main>
      <footer className="px-3 pb-3 text-center text-xs text-slate-500">
        {t.rich("onBehalfOf", { host: () => <span data-testid="embed-host">{host}</span> })}
      </footer>
    </>
  );
}
