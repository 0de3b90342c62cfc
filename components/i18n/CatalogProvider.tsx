"use client";

import { NextIntlClientProvider } from "next-intl";
import { useMemo, type ReactNode } from "react";
import type { AppLocale } from "@/lib/i18n/locales";

/**
 * The client side of ClientMessages. The catalog part arrives as one JSON string rather than an object: React's
 * payload reader walks every value of an object prop on the main thread before hydration (thousands of messages on
 * the claim page), while one string costs it nothing and JSON.parse reads it natively, several times faster.
 */
export function CatalogProvider({ locale, timeZone, catalog, children }: { locale: AppLocale; timeZone: string | undefined; catalog: string; children: ReactNode }) {
  const messages = useMemo(() => JSON.parse(catalog) as Record<string, unknown>, [catalog]);
  return (
    <NextIntlClientProvider locale={locale} timeZone={timeZone} messages={messages}>
      {children}
    </NextIntlClientProvider>
  );
}
