import type { Config } from "tailwindcss";

// Tailwind 4 reads its theme from CSS; this file is loaded by `@config` in app/globals.css
// so the brand palette lives in one typed place that embedders can also read.
const config: Config = {
  content: ["./app/**/*.{ts,tsx}", "./components/**/*.{ts,tsx}"],
  theme: {
    extend: {
      colors: {
        brand: {
          50: "#ecfdf5",
          100: "#d1fae5",
          500: "#10b981",
          600: "#059669",
          700: "#047857",
          900: "#064e3b",
        },
      },
    },
  },
};

export default config;
