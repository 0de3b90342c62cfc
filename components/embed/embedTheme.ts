import type { CSSProperties } from "react";

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
