import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { WalletGate } from "@/components/wallet/WalletGate";
import { Link } from "@/components/ui/Link";
import { FleetClaim } from "@/components/fleet/FleetClaim";
import { ClientMessages } from "@/components/i18n/ClientMessages";
import { clientNamespaces } from "@/components/i18n/clientNamespaces";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("Fleet.page"))("title") };
}

export default async function FleetClaimPage() {
  const t = await getTranslations("Fleet.page");
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold tracking-tight">{t("title")}</h1>
      <p className="text-sm text-slate-700">
        {t.rich("intro", {
          single: (chunks) => (
            <Link className="text-brand-700 underline" href="/claim">
              {chunks}
            </Link>
          ),
        })}
      </p>
      <ClientMessages namespaces={clientNamespaces.fleet}>
        <WalletGate>
          <FleetClaim />
        </WalletGate>
      </ClientMessages>
    </div>
  );
}
