import { getLocale, getMessages, getTimeZone } from "next-intl/server";
import type { ReactNode } from "react";
import { CatalogProvider } from "./CatalogProvider";
import { catalogPart, type ClientNamespace } from "./clientNamespaces";

/**
 * Gives the client components below it these catalog parts and no others (clientNamespaces.ts says why). Inside
 * the root layout's provider it replaces that one's messages for its subtree: next-intl does not merge them.
 */
export async function ClientMessages({ namespaces, children }: { namespaces: readonly ClientNamespace[]; children: ReactNode }) {
  const [locale, messages, timeZone] = await Promise.all([getLocale(), getMessages(), getTimeZone()]);
  return (
    <CatalogProvider locale={locale} timeZone={timeZone} catalog={catalogPart(messages, namespaces)}>
      {children}
    </CatalogProvider>
  );
}
