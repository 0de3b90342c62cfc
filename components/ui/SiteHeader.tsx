import { Link } from "./Link";
import { getTranslations } from "next-intl/server";
import { ConnectButton } from "@/components/wallet/ConnectButton";
import { HydrateApart } from "./HydrateApart";

// A server component: the links render with the page; only the wallet button is a client island.
export async function SiteHeader() {
  const t = await getTranslations("Header");
  return (
    <header className="border-b border-slate-200 bg-white">
      <nav aria-label={t("navLabel")} className="mx-auto flex w-full max-w-3xl items-center gap-3 px-4 py-3 sm:gap-4">
        {/* At 360 px the full name, two links and the wallet button do not fit on one line. */}
        <Link href="/" className="whitespace-nowrap font-semibold text-brand-700" aria-label={t("homeLabel")}>
          {t("brand")}
          <span className="hidden sm:inline">{t("brandRest")}</span>
        </Link>
        <Link href="/claim" className="whitespace-nowrap text-sm text-slate-700 hover:text-brand-700">
          {t("claim")}
        </Link>
        <Link href="/devices" className="whitespace-nowrap text-sm text-slate-700 hover:text-brand-700">
          {t("devices")}
        </Link>
        <div className="ml-auto">
          <HydrateApart>
            <ConnectButton />
          </HydrateApart>
        </div>
      </nav>
    </header>
  );
}
