import type { Metadata, Viewport } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { cookies, headers } from "next/headers";
import type { ReactNode } from "react";
import { ClientMessages } from "@/components/i18n/ClientMessages";
import { clientNamespaces } from "@/components/i18n/clientNamespaces";
import { ServiceWorkerRegistration } from "@/components/offline/ServiceWorkerRegistration";
import { THEME_COOKIE, parseThemeChoice } from "@/components/theme/themeChoice";
import { themeColors } from "@/components/theme/themeColors";
import { SiteFooter } from "@/components/ui/SiteFooter";
import { HydrateApart } from "@/components/ui/HydrateApart";
import { SiteHeader } from "@/components/ui/SiteHeader";
import { LazyWalletProviders } from "@/components/wallet/LazyWalletProviders";
import { walletStateFromCookie } from "@/components/wallet/wagmiConfig";
import { EMBED_ROUTE_HEADER } from "@/lib/embed/origins";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Metadata");
  return {
    title: { default: t("title"), template: `%s · ${t("title")}` },
    description: t("description"),
    applicationName: t("title"),
    // app/favicon.ico and app/manifest.ts are linked by Next itself.
    icons: { icon: [{ url: "/icons/app.svg", type: "image/svg+xml" }], apple: "/icons/apple-touch-icon.png" },
    appleWebApp: { capable: true, title: "ioID Wallet", statusBarStyle: "default" },
  };
}

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: themeColors.light.brand },
    { media: "(prefers-color-scheme: dark)", color: themeColors.dark.brand },
  ],
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const requestHeaders = await headers();
  // The embed route (marked by proxy.ts) renders its own providers, themed by its host, and no site chrome.
  if (requestHeaders.get(EMBED_ROUTE_HEADER)) {
    return (
      <html lang="en">
        <body>{children}</body>
      </html>
    );
  }
  const initialState = walletStateFromCookie(requestHeaders.get("cookie"));
  const theme = parseThemeChoice((await cookies()).get(THEME_COOKIE)?.value);
  const locale = await getLocale();
  return (
    // The theme switcher changes data-theme on the client after hydration.
    <html lang={locale} className="site" data-theme={theme} suppressHydrationWarning>
      <body className="flex min-h-dvh flex-col">
        {/* The site chrome's catalog parts; each page gives its own client components theirs. */}
        <ClientMessages namespaces={clientNamespaces.layout}>
          <LazyWalletProviders initialState={initialState} ui={{ locale, theme }}>
            <SiteHeader />
            <main className="mx-auto w-full max-w-3xl flex-1 px-4 py-6">
              <HydrateApart>{children}</HydrateApart>
            </main>
            <HydrateApart>
              <SiteFooter theme={theme} />
            </HydrateApart>
          </LazyWalletProviders>
        </ClientMessages>
        <ServiceWorkerRegistration />
      </body>
    </html>
  );
}
