import type { Config } from "tailwindcss";

// Tailwind 4 reads its theme from CSS; this file is loaded by `@config` in app/globals.css
// so the brand palette lives in one typed place that embedders can also read.
export const brandPalette = {
  50: "#ecfdf5",
  100: "#d1fae5",
  500: "#10b981",
  // 600 carries white text (primary buttons, the chosen tab): #047857 gives 5.5:1, where #059669 gave 3.8:1.
  600: "#047857",
  700: "#065f46",
  900: "#064e3b",
} as const;

const config: Config = {
  content: ["./app/**/*.{ts,tsx}", "./components/**/*.{ts,tsx}"],
  theme: {
    extend: {
      colors: {
        // Each shade reads `--brand-<shade>` first, so the embed route can recolour the app with a host's accent.
        brand: Object.fromEntries(Object.entries(brandPalette).map(([shade, hex]) => [shade, `var(--brand-${shade}, ${hex})`])),
      },
    },
  },
};

export default config;
