import { darkTheme, lightTheme, type Locale, type Theme } from "@rainbow-me/rainbowkit";
import type { CSSProperties } from "react";
import { brandPalette } from "@/tailwind.config";

/** The wallet dialogs in the host's theme and accent. */
export function rainbowTheme(theme: "light" | "dark", accent: string | undefined): Theme {
  return (theme === "dark" ? darkTheme : lightTheme)({ accentColor: accent ?? brandPalette[600], borderRadius: "medium" });
}

const rainbowLocales = [
  "ar", "ar-AR", "de", "de-DE", "en", "en-US", "es", "es-419", "fr", "fr-FR", "hi", "hi-IN", "id", "id-ID", "ja", "ja-JP",
  "ko", "ko-KR", "ms", "ms-MY", "pt", "pt-BR", "ru", "ru-RU", "th", "th-TH", "tr", "tr-TR", "uk-UA", "vi", "vi-VN",
  "zh", "zh-CN", "zh-HK", "zh-TW",
] as const satisfies readonly Locale[];

/** The host's `locale=` as one RainbowKit speaks (exact tag, else its language), else English. */
export function rainbowLocale(tag: string | undefined): Locale | undefined {
  if (!tag) return undefined;
  const lower = tag.toLowerCase();
  return rainbowLocales.find((l) => l.toLowerCase() === lower) ?? rainbowLocales.find((l) => l === lower.split("-")[0]);
}

/**
 * The app's brand shades (tailwind.config.ts reads `--brand-*`) derived from one accent colour. The accent is a
 * validated `#rrggbb`, so it can only ever be a colour here.
 */
export function accentVariables(accent: string | undefined, dark: boolean): CSSProperties {
  if (!accent) return {};
  const mix = (percent: number, other: string) => `color-mix(in srgb, ${accent} ${percent}%, ${other})`;
  const surface = dark ? "#0f172a" : "#ffffff";
  return {
    "--brand-50": mix(dark ? 20 : 8, surface),
    "--brand-100": mix(dark ? 40 : 20, surface),
    "--brand-500": mix(85, "#ffffff"),
    "--brand-600": accent,
    // Text on tinted backgrounds (step numbers, links): darker than the accent on light, lighter on dark.
    "--brand-700": dark ? mix(60, "#ffffff") : mix(80, "#000000"),
    "--brand-900": dark ? mix(30, "#ffffff") : mix(45, "#000000"),
  } as CSSProperties;
}
