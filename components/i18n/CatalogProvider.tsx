"use client";

import { NextIntlClientProvider } from "next-intl";
import { createContext, useCallback, useContext, useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from "react";
import type { AppLocale } from "@/lib/i18n/locales";
import { catalogChunks } from "./catalogChunks";
import type { ClientNamespace } from "./clientNamespaces";

type Messages = Record<string, unknown>;
type Later = { locale: AppLocale; messages: Messages };
export interface LaterMessages {
  /** Resolves once a render holding these catalog parts has committed, so what is shown next finds its words. */
  ensure(namespaces: readonly ClientNamespace[]): Promise<void>;
  /** Whether they are here now. */
  holds(namespaces: readonly ClientNamespace[]): boolean;
}

// Without a provider that can load more, the page's list is taken to be whole (the embed's is).
const LaterMessagesContext = createContext<LaterMessages>({ ensure: () => Promise.resolve(), holds: () => true });

/** Asks the nearest CatalogProvider for catalog parts its page did not send with the HTML. */
export const useLaterMessages = (): LaterMessages => useContext(LaterMessagesContext);

const hasAll = (messages: Messages, namespaces: readonly ClientNamespace[]) => namespaces.every((n) => n in messages);

/**
 * The client side of ClientMessages. The catalog part arrives as one JSON string rather than an object: React's
 * payload reader walks every value of an object prop on the main thread before hydration (thousands of messages on
 * the claim page), while one string costs it nothing and JSON.parse reads it natively, several times faster.
 * Parts needed only after the owner acts (the claim's checks and errors) come later, from the language's catalog
 * chunk (catalogChunks.ts), when a component asks for them (useLaterMessages): the first paint does not carry them.
 */
export function CatalogProvider({ locale, timeZone, catalog, children }: { locale: AppLocale; timeZone: string | undefined; catalog: string; children: ReactNode }) {
  const base = useMemo(() => JSON.parse(catalog) as Messages, [catalog]);
  const [later, setLater] = useState<Later>();
  // After a language switch the loaded parts stay in the old language until the new one's arrive: for that moment
  // the owner reads the old words rather than message keys.
  const messages = useMemo(() => (later ? { ...later.messages, ...base } : base), [base, later]);
  const wanted = useRef(new Set<ClientNamespace>());
  const waiting = useRef<{ namespaces: readonly ClientNamespace[]; resolve: () => void }[]>([]);
  const current = useRef({ locale, base, later });

  const loadLater = useCallback(async (forLocale: AppLocale) => {
    const all = await catalogChunks[forLocale]();
    setLater({ locale: forLocale, messages: Object.fromEntries([...wanted.current].map((n) => [n, all[n]])) });
  }, []);

  // A layout effect: the children's effects, which ask, run before this provider's passive ones.
  useLayoutEffect(() => {
    current.current = { locale, base, later };
  }, [locale, base, later]);
  useEffect(() => {
    waiting.current = waiting.current.filter((w) => (hasAll(messages, w.namespaces) ? (w.resolve(), false) : true));
  }, [messages]);

  useEffect(() => {
    // A failed reload leaves the old language's words in place; the next ask tries again.
    if (later && later.locale !== locale) loadLater(locale).catch(() => undefined);
  }, [later, locale, loadLater]);

  const ensure = useCallback<LaterMessages["ensure"]>(
    (namespaces) => {
      const { locale, base, later } = current.current;
      const missing = namespaces.filter((n) => !(n in base) && !(later?.locale === locale && n in later.messages));
      if (missing.length === 0) return Promise.resolve();
      for (const n of missing) wanted.current.add(n);
      return new Promise<void>((resolve, reject) => {
        waiting.current.push({ namespaces, resolve });
        loadLater(locale).catch((error: unknown) => {
          waiting.current = waiting.current.filter((w) => w.resolve !== resolve);
          reject(error instanceof Error ? error : new Error(String(error)));
        });
      });
    },
    [loadLater],
  );
  const laterMessages = useMemo<LaterMessages>(() => ({ ensure, holds: (namespaces) => hasAll(messages, namespaces) }), [ensure, messages]);

  return (
    <LaterMessagesContext.Provider value={laterMessages}>
      <NextIntlClientProvider locale={locale} timeZone={timeZone} messages={messages}>
        {children}
      </NextIntlClientProvider>
    </LaterMessagesContext.Provider>
  );
}
