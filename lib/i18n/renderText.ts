// A Text in words outside React: unit tests read the English, the server writes errors and logs. Both catalogs are
// imported, so browser code uses components/i18n/useText.ts (the catalog the page already has) instead.
import { createTranslator } from "use-intl/core";
import en from "@/messages/en.json";
import zhHans from "@/messages/zh-Hans.json";
import type { AppLocale } from "./locales";
import { sayValues, type Text } from "./text";

const catalogs: Record<AppLocale, typeof en> = { en, "zh-Hans": zhHans };

// One translator per language: it caches the parsed ICU messages.
const translators = new Map<AppLocale, (key: string, values?: Record<string, string | number>) => string>();

export function renderText(locale: AppLocale, said: Text): string {
  let translate = translators.get(locale);
  if (!translate) {
    // The key's type was checked where the Text was made; the translator's per-key value types cannot follow a union.
    translate = createTranslator({ locale, messages: catalogs[locale] }) as unknown as (key: string, values?: Record<string, string | number>) => string;
    translators.set(locale, translate);
  }
  return translate(said.key, sayValues(said.values, (inner) => renderText(locale, inner)));
}

export const english = (said: Text): string => renderText("en", said);
