import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { WalletGate } from "@/components/wallet/WalletGate";
import { DeviceDetail } from "@/components/devices/DeviceDetail";
import { ClientMessages } from "@/components/i18n/ClientMessages";
import { clientNamespaces } from "@/components/i18n/clientNamespaces";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("DeviceDetail"))("pageTitle") };
}

export default async function DevicePage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const [{ id }, { chain }, t] = await Promise.all([params, searchParams, getTranslations("DeviceDetail")]);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold tracking-tight">{t("pageTitle")}</h1>
      {/* id is a DID, an address or an ioID number; the component parses it like the lookup box does. */}
      <ClientMessages namespaces={clientNamespaces.device}>
        <WalletGate>
          <DeviceDetail refText={safeDecode(id)} chainParam={typeof chain === "string" ? chain : undefined} />
        </WalletGate>
      </ClientMessages>
    </div>
  );
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
