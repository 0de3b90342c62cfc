import { Link } from "@/components/ui/Link";
import { getTranslations } from "next-intl/server";
import { NetworkStatus } from "@/components/home/NetworkStatus";
import { ClientMessages } from "@/components/i18n/ClientMessages";
import { clientNamespaces } from "@/components/i18n/clientNamespaces";
import { buttonClass } from "@/components/ui/Card";
import { defaultChainConfig } from "@/lib/chain/config";
import { readIoIDSupply } from "@/lib/server/ioIDSupply";

export default async function HomePage() {
  const t = await getTranslations("Home");
  // Not awaited: the page streams at once and the count follows (NetworkStatus reads it with `use`).
  const supply = readIoIDSupply(defaultChainConfig.chain.id);
  return (
    <div className="space-y-6">
      <section className="space-y-2">
        <h1 className="text-2xl font-bold tracking-tight">{t("title")}</h1>
        <p className="text-slate-600">{t("intro")}</p>
        <Link href="/claim" className={buttonClass.primary}>
          {t("claim")}
        </Link>
      </section>
      <ClientMessages namespaces={clientNamespaces.home}>
        <NetworkStatus serverSupply={supply} />
      </ClientMessages>
    </div>
  );
}
