import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Link } from "@/components/ui/Link";
import { ClaimFlow } from "@/components/claim/ClaimFlow";
import { ClientMessages } from "@/components/i18n/ClientMessages";
import { clientNamespaces } from "@/components/i18n/clientNamespaces";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("Claim"))("metaTitle") };
}

export default async function ClaimPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { d } = await searchParams;
  const t = await getTranslations("Claim");
  // `d` goes to the same parser as every other source: it validates size, encoding and fields.
  const deepLink = typeof d === "string" && d.length > 0 ? d : undefined;
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold tracking-tight">{t("title")}</h1>
      {/* Server-rendered, so the owner reads what happens next before the scanner and the wallet have loaded. */}
      <p className="text-slate-700">{t("intro")}</p>
      <p className="text-sm text-slate-700">
        {t("fleetPrompt")}{" "}
        <Link className="text-brand-700 underline" href="/claim/fleet">
          {t("fleetLink")}
        </Link>
      </p>
      <ClientMessages namespaces={clientNamespaces.claim}>
        <ClaimFlow deepLink={deepLink} />
      </ClientMessages>
    </div>
  );
}
