"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { THEME_COOKIE, parseThemeChoice, type ThemeChoice } from "./themeChoice";

const ONE_YEAR_S = 365 * 24 * 60 * 60;

/** System, light or dark: applied at once (html data-theme) and remembered for the next visit (a cookie). */
export function ThemeSwitcher({ initial }: { initial: ThemeChoice | undefined }) {
  const t = useTranslations("Footer");
  const [choice, setChoice] = useState<ThemeChoice | "system">(initial ?? "system");
  const choose = (value: string) => {
    const theme = parseThemeChoice(value);
    setChoice(theme ?? "system");
    if (theme) {
      document.documentElement.dataset.theme = theme;
      document.cookie = `${THEME_COOKIE}=${theme}; path=/; max-age=${ONE_YEAR_S}; samesite=lax`;
    } else {
      delete document.documentElement.dataset.theme;
      document.cookie = `${THEME_COOKIE}=; path=/; max-age=0; samesite=lax`;
    }
  };
  return (
    <label className="flex items-center gap-2">
      {t("theme")}
      <select
        value={choice}
        onChange={(e) => choose(e.target.value)}
        className="min-h-11 rounded-md border border-slate-300 bg-white px-2 text-slate-900"
      >
        <option value="system">{t("themeSystem")}</option>
        <option value="light">{t("themeLight")}</option>
        <option value="dark">{t("themeDark")}</option>
      </select>
    </label>
  );
}
