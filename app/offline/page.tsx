import type { Metadata } from "next";
import { Link } from "@/components/ui/Link";
import { getTranslations } from "next-intl/server";
import { buttonClass } from "@/components/ui/Card";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("Offline"))("metaTitle") };
}

// Served by the service worker in place of any page when the phone has no connection.
export default async function OfflinePage() {
  const t = await getTranslations("Offline");
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold tracking-tight">{t("title")}</h1>
      <p className="text-slate-600">{t("needsChain")}</p>
      <section aria-labelledby="offline-works" className="space-y-2">
        <h2 id="offline-works" className="font-semibold">
          {t("worksTitle")}
        </h2>
        <ul className="list-disc space-y-1 pl-5 text-slate-600">
          <li>{t("worksPage")}</li>
          <li>{t("worksSavedClaim")}</li>
        </ul>
      </section>
      <Link href="/claim" className={buttonClass.primary}>
        {t("retry")}
      </Link>
    </div>
  );
}
