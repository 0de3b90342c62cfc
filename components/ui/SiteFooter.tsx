import { LanguageSwitcher } from "@/components/i18n/LanguageSwitcher";
import { ThemeSwitcher } from "@/components/theme/ThemeSwitcher";
import type { ThemeChoice } from "@/components/theme/themeChoice";

export function SiteFooter({ theme }: { theme: ThemeChoice | undefined }) {
  return (
    <footer className="border-t border-slate-200">
      <div className="mx-auto flex w-full max-w-3xl flex-wrap items-center gap-4 px-4 py-4 text-sm text-slate-600">
        <LanguageSwitcher />
        <ThemeSwitcher initial={theme} />
      </div>
    </footer>
  );
}
