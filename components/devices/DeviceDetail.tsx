"use client";

import { useTranslations } from "next-intl";
import { useState, type ReactNode } from "react";
import { isAddressEqual, type Address, type Hash } from "viem";
import { useAccount, useSwitchChain } from "wagmi";
import { chainConfigs, defaultChainConfig, explorerTxUrl, getChainConfig, type ChainConfig } from "@/lib/chain/config";
import type { DeviceView } from "@/lib/chain/devices";
import { parseDeviceRef, type DeviceRef } from "@/lib/did/didIo";
import { AddressText } from "@/components/ui/AddressText";
import { Alert, buttonClass } from "@/components/ui/Card";
import { CopyableText } from "@/components/ui/CopyableText";
import { RemoveAction } from "./actions/RemoveAction";
import { TransferAction } from "./actions/TransferAction";
import { TxProgress } from "./actions/TxProgress";
import { UpdateDocumentAction } from "./actions/UpdateDocumentAction";
import { ChainPicker } from "./ChainPicker";
import { DeviceLookup } from "./DeviceLookup";
import { DeviceHistory } from "./history/DeviceHistory";
import { WalletAssets } from "./wallet/WalletAssets";
import { DidQr } from "./DidQr";
import { DocumentBadge } from "./DocumentBadge";
import { DocumentPanel } from "./DocumentPanel";
import { DeviceMessages } from "./messages/DeviceMessages";
import { ReadError } from "./ReadError";
import { useLocaleFormat } from "@/components/i18n/useLocaleFormat";
import { useDeviceView, useHeldTokens, useRegistration } from "./useDeviceReads";

export function DeviceDetail({ refText, chainParam }: { refText: string; chainParam: string | undefined }) {
  const account = useAccount();
  const t = useTranslations("DeviceDetail");
  let ref: DeviceRef;
  try {
    ref = parseDeviceRef(refText);
  } catch (error) {
    return (
      <div className="space-y-4">
        <Alert tone="error" title={t("notADevice")}>
          <p>{error instanceof Error ? error.message : String(error)}</p>
        </Alert>
        <DeviceLookup chainId={defaultChainConfig.chain.id} />
      </div>
    );
  }
  const walletChain = account.chainId === undefined ? undefined : getChainConfig(account.chainId);
  const chainConfig = chainParam ? getChainConfig(Number(chainParam)) : (walletChain ?? defaultChainConfig);
  if (!chainConfig) {
    return (
      <Alert tone="error" title={t("chainNotServed", { chain: chainParam ?? "" })}>
        <p>{t("chainsServed", { chains: chainConfigs.map((c) => `${c.chain.name} (${c.chain.id})`).join(t("listSeparator")) })}</p>
      </Alert>
    );
  }
  return <DeviceOnChain deviceRef={ref} chainConfig={chainConfig} />;
}

function DeviceOnChain({ deviceRef, chainConfig }: { deviceRef: DeviceRef; chainConfig: ChainConfig }) {
  const t = useTranslations("DeviceDetail");
  const query = useDeviceView(deviceRef, chainConfig);
  const chainId = chainConfig.chain.id;
  const title = deviceRef.kind === "token" ? t("ioidNumber", { id: deviceRef.id.toString() }) : deviceRef.did;

  if (query.isPending) {
    return (
      <div role="status" className="space-y-3">
        <ChainPicker chainConfig={chainConfig} />
        <div aria-hidden className="h-48 animate-pulse rounded-lg border border-slate-200 bg-white" />
        <p className="text-sm text-slate-600">{t("reading", { title, chain: chainConfig.chain.name })}</p>
      </div>
    );
  }
  if (query.isError) {
    return (
      <div className="space-y-3">
        <ChainPicker chainConfig={chainConfig} />
        <ReadError title={t("readError")} error={query.error} onRetry={() => void query.refetch()} />
      </div>
    );
  }
  const view = query.data.view;
  const unknown = deviceRef.kind === "token" ? view.owner === undefined : view.id === undefined && !view.registered;
  if (unknown) {
    const removed = deviceRef.kind === "device" && view.nonce > 0n;
    return (
      <div className="space-y-4">
        <ChainPicker chainConfig={chainConfig} />
        <Alert tone="info" title={removed ? t("removedTitle") : t("unknownTitle", { title, chain: chainConfig.chain.name })}>
          <p className="break-all">{removed ? t("removedBody") : t("unknownBody")}</p>
        </Alert>
        {removed && <DeviceHistory known={{ device: deviceRef.address, id: undefined, wallet: undefined }} chainConfig={chainConfig} />}
        <DeviceLookup chainId={chainId} />
      </div>
    );
  }
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="flex flex-wrap items-center gap-2 text-lg font-semibold" data-testid="device-title">
          {t("ioidNumber", { id: view.id?.toString() ?? "" })}
          {view.project && <span className="font-normal text-slate-600">· {view.project.name}</span>}
          <DocumentBadge view={view} chainId={chainId} />
        </p>
        <ChainPicker chainConfig={chainConfig} />
      </div>
      <Identity view={view} chainConfig={chainConfig} />
      <DocumentPanel view={view} chainId={chainId} />
      <WalletAssets view={view} chainConfig={chainConfig} />
      <Actions view={view} chainConfig={chainConfig} />
      <DeviceMessages did={view.did} chainId={chainId} />
      <DeviceHistory known={{ device: view.device, id: view.id, wallet: view.wallet }} chainConfig={chainConfig} />
    </div>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt className="text-slate-500">{label}</dt>
      <dd className="min-w-0">{children}</dd>
    </>
  );
}

function Identity({ view, chainConfig }: { view: DeviceView; chainConfig: ChainConfig }) {
  const chainId = chainConfig.chain.id;
  const { address } = useAccount();
  const registration = useRegistration(view.registered ? view.device : undefined, chainConfig);
  const held = useHeldTokens([view], chainConfig);
  const nftTokenId = view.deviceNFT?.tokenId ?? (view.wallet ? held.data?.get(view.wallet)?.[0]?.tokenId : undefined);
  const txUrl = registration.data ? explorerTxUrl(chainId, registration.data.transactionHash) : undefined;
  const uri = view.documentURI;
  const t = useTranslations("DeviceDetail.identity");
  const format = useLocaleFormat();
  return (
    <section aria-labelledby="identity-heading" className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="identity-heading" className="mb-3 font-semibold">
        {t("heading")}
      </h2>
      <div className="flex flex-col gap-4 sm:flex-row sm:items-start">
        <dl className="grid min-w-0 flex-1 grid-cols-1 gap-x-3 gap-y-1.5 text-sm sm:grid-cols-[max-content_1fr]">
          {view.did ? (
            <Row label={t("did")}>
              <CopyableText value={view.did} label={t("did")} testId="device-did" />
            </Row>
          ) : (
            <Row label={t("device")}>
              <span className="text-slate-600">{t("noDevice")}</span>
            </Row>
          )}
          {view.device && (
            <Row label={t("deviceAddress")}>
              <AddressText address={view.device} label={t("deviceAddressLabel")} chainId={chainId} testId="device-address" />
            </Row>
          )}
          <Row label={t("ioid")}>
            <span data-testid="ioid-number">#{view.id?.toString()}</span> <span className="break-all font-mono text-xs text-slate-600">{t("ioidOf", { contract: chainConfig.contracts.ioID })}</span>
          </Row>
          {view.owner && (
            <Row label={t("owner")}>
              <AddressText address={view.owner} label={t("ownerLabel")} chainId={chainId} testId="device-owner" />
              {address && isAddressEqual(address, view.owner) && <span className="text-xs text-brand-700">{t("isYou")}</span>}
            </Row>
          )}
          {view.project && (
            <Row label={t("project")}>
              {view.project.name} <span className="text-slate-600">(#{view.project.id.toString()})</span>
            </Row>
          )}
          {view.wallet && (
            <Row label={t("deviceWallet")}>
              <AddressText address={view.wallet} label={t("deviceWalletLabel")} chainId={chainId} testId="device-wallet" />
              <span className="text-xs text-slate-600">{t("walletBalance", { balance: format.iotx(view.walletBalance) })}</span>
            </Row>
          )}
          {view.deviceNFT && (
            <Row label={t("deviceNft")}>
              <AddressText address={view.deviceNFT.contract} label={t("deviceNftContract")} chainId={chainId} />
              <span className="text-xs" data-testid="device-nft-token">
                {view.deviceNFT.held === 0n ? t("nftGone") : nftTokenId !== undefined ? t("nftHeldToken", { token: nftTokenId.toString() }) : t("nftHeld")}
              </span>
            </Row>
          )}
          {view.registered && (
            <Row label={t("registered")}>
              {registration.isPending ? (
                "…"
              ) : registration.data ? (
                <span className="text-xs" data-testid="registration">
                  {t("registeredAt", { block: registration.data.blockNumber.toString() })}{" "}
                  {txUrl ? (
                    <a className="break-all font-mono text-brand-700 underline" href={txUrl} target="_blank" rel="noopener noreferrer">
                      {registration.data.transactionHash}
                    </a>
                  ) : (
                    <span className="break-all font-mono">{registration.data.transactionHash}</span>
                  )}
                </span>
              ) : (
                <span className="text-xs text-slate-600">{registration.isError ? t("logsRefused") : t("noRegistrationEvent")}</span>
              )}
            </Row>
          )}
          {uri.state !== "none" && (
            <Row label={t("documentUri")}>
              <span className="break-all font-mono text-xs" data-testid="document-uri">
                {uri.state === "ok" ? (uri.uri.length > 120 ? t("uriClipped", { start: uri.uri.slice(0, 120), length: uri.uri.length }) : uri.uri) : uri.state === "over-cap" ? t("uriTooLong", { length: uri.length }) : t("uriUnreadable")}
              </span>
            </Row>
          )}
        </dl>
        {view.did && <DidQr did={view.did} />}
      </div>
    </section>
  );
}

function Actions({ view, chainConfig }: { view: DeviceView; chainConfig: ChainConfig }) {
  const t = useTranslations("DeviceDetail.manage");
  const { address, chainId } = useAccount();
  const { switchChain, isPending } = useSwitchChain();
  const [transferred, setTransferred] = useState<{ to: Address; hash: Hash }>();
  const owner: Address | undefined = view.owner;
  let body: ReactNode;
  if (!owner) return null;
  if (!address) {
    body = <p className="text-sm text-slate-600">{t("connectOwner")}</p>;
  } else if (!isAddressEqual(address, owner)) {
    body = <p className="text-sm text-slate-600">{t("readOnly")}</p>;
  } else if (chainId !== chainConfig.chain.id) {
    body = (
      <div className="space-y-2 text-sm">
        <p>{t("otherNetwork", { chain: chainConfig.chain.name })}</p>
        <button type="button" className={buttonClass.secondary} disabled={isPending} onClick={() => switchChain({ chainId: chainConfig.chain.id })}>
          {t("switchTo", { chain: chainConfig.chain.name })}
        </button>
      </div>
    );
  } else {
    body = (
      <div className="space-y-2">
        <ActionSection title={t("transfer")} testId="action-transfer">
          <TransferAction view={view} owner={owner} chainConfig={chainConfig} onTransferred={(to, hash) => setTransferred({ to, hash })} />
        </ActionSection>
        {view.registered && view.device && (
          <>
            <ActionSection title={t("update")} testId="action-update">
              <UpdateDocumentAction view={view} owner={owner} chainConfig={chainConfig} />
            </ActionSection>
            <ActionSection title={t("remove")} testId="action-remove">
              <RemoveAction view={view} owner={owner} chainConfig={chainConfig} />
            </ActionSection>
          </>
        )}
      </div>
    );
  }
  return (
    <section aria-labelledby="actions-heading" className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="actions-heading" className="mb-3 font-semibold">
        {t("heading")}
      </h2>
      {transferred && (
        <div className="mb-3" data-testid="transfer-done">
          <TxProgress state={{ phase: "done", hash: transferred.hash }} chainId={chainConfig.chain.id} done={t("transferred", { id: String(view.id), to: transferred.to })} />
        </div>
      )}
      {body}
    </section>
  );
}

function ActionSection({ title, testId, children }: { title: string; testId: string; children: ReactNode }) {
  return (
    <details className="group rounded-md border border-slate-200" data-testid={testId}>
      <summary className="flex min-h-11 cursor-pointer list-none items-center gap-2 px-3 font-medium">
        <span aria-hidden className="text-slate-500 transition-transform group-open:rotate-90">
          ▸
        </span>
        {title}
      </summary>
      <div className="border-t border-slate-200 p-3">{children}</div>
    </details>
  );
}
