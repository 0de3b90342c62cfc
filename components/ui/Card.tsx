import type { ReactNode } from "react";

/** One numbered step of a flow: a titled section that screen readers can jump to. */
export function StepCard({ step, title, id, children, muted = false }: { step?: number; title: string; id: string; children: ReactNode; muted?: boolean }) {
  return (
    <section aria-labelledby={id} className={`rounded-lg border bg-white p-4 ${muted ? "border-slate-100 opacity-60" : "border-slate-200"}`}>
      <h2 id={id} className="mb-3 flex items-center gap-2 font-semibold">
        {step !== undefined && (
          <span aria-hidden className="flex size-6 items-center justify-center rounded-full bg-brand-100 text-sm text-brand-700">
            {step}
          </span>
        )}
        {title}
      </h2>
      {children}
    </section>
  );
}

export function Alert({ tone, title, children }: { tone: "error" | "info" | "success"; title: string; children?: ReactNode }) {
  const styles = {
    error: "border-red-200 bg-red-50 text-red-900",
    info: "border-sky-200 bg-sky-50 text-sky-900",
    success: "border-brand-100 bg-brand-50 text-brand-900",
  }[tone];
  return (
    <div role={tone === "error" ? "alert" : "status"} className={`rounded-md border p-3 text-sm ${styles}`}>
      <p className="font-medium">{title}</p>
      {children && <div className="mt-1 space-y-1">{children}</div>}
    </div>
  );
}

export const buttonClass = {
  primary:
    "inline-flex min-h-11 items-center justify-center rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:cursor-not-allowed disabled:bg-slate-300",
  secondary:
    "inline-flex min-h-11 items-center justify-center rounded-md border border-slate-300 bg-white px-4 py-2 font-medium text-slate-800 hover:bg-slate-50 disabled:cursor-not-allowed disabled:opacity-50",
};
