// The languages the app speaks and how a request picks one: the owner's remembered choice (a cookie), else the
// browser's Accept-Language, else English. Pure: the request config (components/i18n/request.ts) feeds it.

export const locales = ["en", "zh-Hans"] as const;
export type AppLocale = (typeof locales)[number];
export const defaultLocale: AppLocale = "en";

/** Set by the language switcher; a cookie so the server renders the chosen language into the first paint. */
export const LOCALE_COOKIE = "locale";

/** Each language named in itself, for the switcher. */
export const localeNames: Record<AppLocale, string> = { en: "English", "zh-Hans": "简体中文" };

export function isAppLocale(value: string | undefined): value is AppLocale {
  return (locales as readonly string[]).includes(value ?? "");
}

/** The app locale for one BCP 47 tag, or undefined: any Chinese gets Simplified, the only Chinese we have. */
export function matchLocale(tag: string): AppLocale | undefined {
  const language = tag.trim().toLowerCase().split("-")[0];
  if (language === "zh") return "zh-Hans";
  if (language === "en") return "en";
  return undefined;
}

/** The best locale for an Accept-Language header (`zh-CN,zh;q=0.9,en;q=0.8`), by quality, else undefined. */
export function localeFromAcceptLanguage(header: string | null | undefined): AppLocale | undefined {
  if (!header) return undefined;
  const ranked = header
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.split(";");
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      const quality = q === undefined ? 1 : Number(q);
      return { tag: tag.trim(), quality: Number.isFinite(quality) ? quality : 0, index };
    })
    .filter((entry) => entry.tag && entry.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  for (const { tag } of ranked) {
    const locale = matchLocale(tag);
    if (locale) return locale;
  }
  return undefined;
}

export function resolveLocale(cookie: string | undefined, acceptLanguage: string | null | undefined): AppLocale {
  return isAppLocale(cookie) ? cookie : (localeFromAcceptLanguage(acceptLanguage) ?? defaultLocale);
}
