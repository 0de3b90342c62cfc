/** A row's one-word status pill; a mark beside the word, so the tone is not told by colour alone. */
const tones = {
  ok: "border-brand-100 bg-brand-50 text-brand-900",
  warn: "border-amber-200 bg-amber-50 text-amber-900",
  bad: "border-red-200 bg-red-50 text-red-900",
  muted: "border-slate-200 bg-slate-50 text-slate-700",
} as const;
const marks = { ok: "✓", warn: "!", bad: "✕", muted: "·" } as const;

export function Badge({ tone, children, result }: { tone: keyof typeof tones; children: string; result?: string }) {
  return (
    <span data-testid="document-badge" data-result={result} className={`inline-flex items-center gap-1 rounded-full border px-2 py-0.5 text-xs font-medium ${tones[tone]}`}>
      <span aria-hidden>{marks[tone]}</span>
      {children}
    </span>
  );
}
