/** The owner's explicit theme; without one the site follows the system (prefers-color-scheme). */
export type ThemeChoice = "light" | "dark";

/** A cookie, not localStorage: the server renders the chosen theme into the first paint, with no flash. */
export const THEME_COOKIE = "theme";

export function parseThemeChoice(value: string | undefined): ThemeChoice | undefined {
  return value === "light" || value === "dark" ? value : undefined;
}
