import type { ReactNode } from "react";

/**
 * The house style of every icon: a 24-unit grid, 1.75 strokes in the text colour, round ends. Decorative by default
 * (the label beside it says the same); pass `label` where the icon stands alone.
 */
export function Icon({ children, label, className = "size-5" }: { children: ReactNode; label?: string; className?: string }) {
  return (
    <svg
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.75}
      strokeLinecap="round"
      strokeLinejoin="round"
      className={`shrink-0 ${className}`}
      {...(label ? { role: "img", "aria-label": label } : { "aria-hidden": true })}
    >
      {children}
    </svg>
  );
}
