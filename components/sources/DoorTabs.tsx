"use client";

import type { ReactNode } from "react";

export interface DoorTab<K extends string> {
  kind: K;
  label: string;
  /** A glyph beside the label (components/ui/icons/DoorIcon): the label stays, so the icon is decorative. */
  icon?: ReactNode;
}

/** The row of ways in and the chosen one's panel: the single claim's sources and the fleet's doors. */
export function DoorTabs<K extends string>({ tabs, active, onChoose, idPrefix, label, children }: { tabs: readonly DoorTab<K>[]; active: K; onChoose: (kind: K) => void; idPrefix: string; label: string; children: ReactNode }) {
  return (
    <div>
      <div role="tablist" aria-label={label} className="mb-3 flex flex-wrap gap-2">
        {tabs.map((e) => (
          <button
            key={e.kind}
            role="tab"
            type="button"
            id={`${idPrefix}-tab-${e.kind}`}
            aria-selected={e.kind === active}
            aria-controls={`${idPrefix}-panel`}
            onClick={() => onChoose(e.kind)}
            className={`inline-flex min-h-11 items-center gap-1.5 rounded-full border px-3 text-sm ${
              e.kind === active ? "border-brand-600 bg-brand-600 text-white" : "border-slate-300 bg-white text-slate-700 hover:bg-slate-50"
            }`}
          >
            {e.icon}
            {e.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${idPrefix}-panel`} aria-labelledby={`${idPrefix}-tab-${active}`}>
        {children}
      </div>
    </div>
  );
}
