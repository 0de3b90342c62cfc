import type { AppLocale } from "@/lib/i18n/locales";

type Catalog = Record<string, unknown>;

/**
 * Each language's whole catalog as a script chunk of its own, for the parts a page only needs after the owner acts
 * (CatalogProvider's later messages): an immutable, cached file that works wherever the page's own chunks do.
 * Keyed by the locale list, so a language without its chunk here does not compile.
 */
export const catalogChunks: Record<AppLocale, () => Promise<Catalog>> = {
  en: () => import("@/messages/en.json").then((m) => m.default),
  "zh-Hans": () => import("@/messages/zh-Hans.json").then((m) => m.default),
};
