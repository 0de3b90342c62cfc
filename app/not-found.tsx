import type { Metadata } from "next";
import { Link } from "@/components/ui/Link";
import { getTranslations } from "next-intl/server";
import { buttonClass } from "@/components/ui/Card";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("NotFound"))("metaTitle") };
}

export default async function NotFound() {
  const t = await getTranslations("NotFound");
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold tracking-tight">{t("title")}</h1>
      <p className="text-slate-600">{t("body")}</p>
      <div className="flex flex-wrap gap-3">
        <Link href="/claim" className={buttonClass.primary}>
          {t("claim")}
        </Link>
        <Link href="/devices" className={buttonClass.secondary}>
          {t("devices")}
        </Link>
      </div>
    </div>
  );
}
