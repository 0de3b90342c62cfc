import { NextIntlClientProvider } from "next-intl";
import { getLocale, getMessages } from "next-intl/server";
import type { ReactNode } from "react";
import type { ClientNamespace } from "./clientNamespaces";

/**
 * Gives the client components below it these catalog parts and no others (clientNamespaces.ts says why). Inside
 * the root layout's provider it replaces that one's messages for its subtree: next-intl does not merge them.
 */
export async function ClientMessages({ namespaces, children }: { namespaces: readonly ClientNamespace[]; children: ReactNode }) {
  const [locale, messages] = await Promise.all([getLocale(), getMessages()]);
  return (
    <NextIntlClientProvider locale={locale} messages={Object.fromEntries(namespaces.map((n) => [n, messages[n]]))}>
      {children}
    </NextIntlClientProvider>
  );
}
