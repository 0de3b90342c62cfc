import type { Metadata } from "next";
import { createTranslator } from "next-intl";
import { getLocale, getTimeZone } from "next-intl/server";
import { headers } from "next/headers";
import { EmbedClaim } from "@/components/embed/EmbedClaim";
import { CatalogProvider } from "@/components/i18n/CatalogProvider";
import { catalogPart, clientNamespaces } from "@/components/i18n/clientNamespaces";
import { Alert } from "@/components/ui/Card";
import { walletStateFromCookie } from "@/components/wallet/wagmiConfig";
import { chainConfigs, defaultChainConfig } from "@/lib/chain/config";
import { embedAllowedOrigins } from "@/lib/embed/origins";
import { parseEmbedParams } from "@/lib/embed/params";
import { matchLocale, type AppLocale } from "@/lib/i18n/locales";
import { renderText } from "@/lib/i18n/renderText";

type PageProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Where a failure's words come from: their English goes to the host whatever the flow speaks (docs/embed-api.md). */
const failureNamespaces = ["Checks", "Sources", "Errors", "DeviceErrors", "Documents", "Reverts", "ClaimFailure"] as const;

/**
 * The flow speaks the host's `locale` when it is a language this wallet has (any English or Chinese tag, e.g. en,
 * zh, zh-Hans, zh-CN); otherwise — absent, or a language we lack — the visitor's own (cookie, else Accept-Language).
 * The tag still goes to RainbowKit as given, which has more languages (docs/embed-api.md).
 */
async function embedLocale(searchParams: Record<string, string | string[] | undefined>): Promise<AppLocale> {
  const asked = typeof searchParams.locale === "string" ? matchLocale(searchParams.locale) : undefined;
  return asked ?? ((await getLocale()) as AppLocale);
}

async function catalog(locale: AppLocale) {
  const messages = (await import(`../../../messages/${locale}.json`)).default as typeof import("../../../messages/en.json");
  return { messages, t: createTranslator({ locale, messages, namespace: "Embed" }) };
}

export async function generateMetadata({ searchParams }: PageProps): Promise<Metadata> {
  const { t } = await catalog(await embedLocale(await searchParams));
  return { title: t("metaTitle"), robots: { index: false, follow: false } };
}

/**
 * The claim flow for other sites' pages (docs/embed-api.md): opened by public/embed.js in an iframe or a popup,
 * or reached by redirect. proxy.ts gives this route its frame-ancestors policy and keeps the site chrome off it.
 */
export default async function EmbedClaimPage({ searchParams }: PageProps) {
  const params = await searchParams;
  const locale = await embedLocale(params);
  const { messages, t } = await catalog(locale);
  const english = locale === "en" ? undefined : (await catalog("en")).messages;
  const parsed = parseEmbedParams(params, {
    chainIds: chainConfigs.map((c) => c.chain.id),
    allowedOrigins: embedAllowedOrigins().origins,
  });
  if (!parsed.ok) {
    return (
      <main className="mx-auto max-w-xl p-4" lang={locale}>
        <Alert tone="error" title={t("cannotOpenTitle")}>
          <p>{t("cannotOpenBody")}</p>
          <ul className="list-disc pl-5" data-testid="embed-param-errors">
            {parsed.errors.map((error) => renderText(locale, error)).map((error) => (
              <li key={error}>{error}</li>
            ))}
          </ul>
          <p>{t("cannotOpenHelp")}</p>
        </Alert>
      </main>
    );
  }
  const { projectId, chainId, ...rest } = parsed.params;
  const initialState = walletStateFromCookie((await headers()).get("cookie"));
  // The root layout leaves the embed route to itself (no site providers): the flow's language is given here.
  return (
    <CatalogProvider locale={locale} timeZone={await getTimeZone()} catalog={catalogPart(messages, clientNamespaces.embed)}>
      <div lang={locale}>
        <EmbedClaim
          config={{ ...rest, projectId: projectId?.toString(), chainId: chainId ?? defaultChainConfig.chain.id }}
          initialState={initialState}
          hostCatalog={english && Object.fromEntries(failureNamespaces.map((n) => [n, english[n]]))}
        />
      </div>
    </CatalogProvider>
  );
}
