/**
 * The app's device, drawn once for empty states: a small box with an antenna, a status light and its claim code.
 * Decorative: the heading beside it says what is empty. Colours follow the theme through currentColor and the
 * brand tokens.
 */
export function DeviceIllustration({ className = "h-24 w-32" }: { className?: string }) {
  return (
    <svg viewBox="0 0 128 96" aria-hidden className={`text-slate-400 ${className}`} fill="none" strokeLinecap="round" strokeLinejoin="round">
      <path d="M86 30V12" stroke="currentColor" strokeWidth={3} />
      <circle cx="86" cy="10" r="4" className="fill-brand-600" />
      <rect x="20" y="30" width="88" height="54" rx="10" stroke="currentColor" strokeWidth={3} className="fill-brand-50" />
      <rect x="32" y="42" width="30" height="30" rx="3" stroke="currentColor" strokeWidth={2.5} />
      <path d="M38 48h6v6h-6zM50 60h6v6h-6zM50 48h6M38 66h6" stroke="currentColor" strokeWidth={2.5} />
      <circle cx="92" cy="44" r="3.5" className="fill-brand-600" />
      <path d="M74 62h22M74 70h14" stroke="currentColor" strokeWidth={2.5} />
    </svg>
  );
}
