// The colours the browser paints outside the page (address bar, splash screen, installed app's title bar), per
// theme; the page itself takes its colours from app/theme.css.
export const themeColors = {
  light: { brand: "#047857", background: "#f8fafc" },
  dark: { brand: "#0f172a", background: "#020617" },
} as const;
