"use client";

import { ConnectButton } from "@/components/wallet/ConnectButton";
import dynamic from "next/dynamic";
import { useTranslations } from "next-intl";
import { useWalletAccount } from "@/components/wallet/walletStackContext";
import { defaultChainConfig, getChainConfig } from "@/lib/chain/config";
import { AfterMessages } from "@/components/i18n/AfterMessages";
import { clientNamespaces } from "@/components/i18n/clientNamespaces";
import { DeviceLookup } from "./DeviceLookup";
import { ListSkeleton } from "./ListSkeleton";

// The chain reads, DID document checks and row rendering of a connected wallet, and their words: not needed to show
// the page to a visitor without one (most first visits), so they load once a wallet is connected, behind the same skeleton.
const OwnedDevices = dynamic(() => import("./OwnedDevices").then((m) => m.OwnedDevices), {
  ssr: false,
  loading: () => <ReadingList />,
});

// Shown to a connected wallet only, so it comes with the wallet stack rather than with the page.
const WrongNetwork = dynamic(() => import("./NetworkGate").then((m) => m.WrongNetwork), { ssr: false });

function ReadingList() {
  const t = useTranslations("Devices");
  return <ListSkeleton label={t("readingList")} />;
}

export function MyDevices() {
  const t = useTranslations("Devices");
  const { address, status, chainId } = useWalletAccount();
  const chainConfig = chainId === undefined ? undefined : getChainConfig(chainId);
  const lookupChain = chainConfig?.chain.id ?? defaultChainConfig.chain.id;

  let body;
  // Only a wallet that was connected before (reconnecting) gets the skeleton: wagmi reports "connecting" for a
  // moment on every load, and swapping the connect card for three skeleton rows then back shifted the page.
  if (status === "reconnecting") {
    body = <ListSkeleton label={t("connecting")} />;
  } else if (status !== "connected" || !address) {
    body = (
      <section aria-labelledby="connect-heading" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="connect-heading" className="font-semibold">
          {t("connectHeading")}
        </h2>
        <p className="mt-1 text-sm text-slate-600">{t("connectBody")}</p>
        <div className="mt-3">
          <ConnectButton />
        </div>
      </section>
    );
  } else if (!chainConfig) {
    body = (
      <AfterMessages namespaces={clientNamespaces.devicesOwned} fallback={null}>
        <WrongNetwork chainId={chainId} />
      </AfterMessages>
    );
  } else {
    body = (
      <AfterMessages namespaces={clientNamespaces.devicesOwned} fallback={<ReadingList />}>
        <OwnedDevices owner={address} chainConfig={chainConfig} />
      </AfterMessages>
    );
  }

  return (
    <div className="space-y-6">
      {body}
      <section className="rounded-lg border border-slate-200 bg-white p-4">
        <DeviceLookup chainId={lookupChain} />
      </section>
    </div>
  );
}
