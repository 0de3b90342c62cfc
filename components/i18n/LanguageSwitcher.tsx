"use client";

import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { LOCALE_COOKIE, isAppLocale, localeNames, locales } from "@/lib/i18n/locales";

const ONE_YEAR_S = 365 * 24 * 60 * 60;

/** Remembered in a cookie; the server renders the page again in the chosen language. */
export function LanguageSwitcher() {
  const t = useTranslations("Footer");
  const locale = useLocale();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const choose = (value: string) => {
    if (!isAppLocale(value)) return;
    document.cookie = `${LOCALE_COOKIE}=${value}; path=/; max-age=${ONE_YEAR_S}; samesite=lax`;
    startTransition(() => router.refresh());
  };
  return (
    <label className="flex items-center gap-2">
      {t("language")}
      <select
        value={locale}
        disabled={pending}
        onChange={(e) => choose(e.target.value)}
        className="min-h-11 rounded-md border border-slate-300 bg-white px-2 text-slate-900"
      >
        {locales.map((l) => (
          <option key={l} value={l} lang={l}>
            {localeNames[l]}
          </option>
        ))}
      </select>
    </label>
  );
}
