import type { AppLocale } from "@/lib/i18n/locales";
import type en from "@/messages/en.json";

// Typed from the English catalog: a key the catalog lacks is a compile error (lib/i18n/catalogs.test.ts checks
// that every other language has the same keys).
declare module "next-intl" {
  interface AppConfig {
    Locale: AppLocale;
    Messages: typeof en;
  }
}
