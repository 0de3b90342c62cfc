import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { MyDevices } from "@/components/devices/DeviceList";
import { ClientMessages } from "@/components/i18n/ClientMessages";
import { clientNamespaces } from "@/components/i18n/clientNamespaces";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("Devices"))("pageTitle") };
}

export default async function DevicesPage() {
  const t = await getTranslations("Devices");
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold tracking-tight">{t("pageTitle")}</h1>
      <ClientMessages namespaces={clientNamespaces.devices}>
        <MyDevices />
      </ClientMessages>
    </div>
  );
}
