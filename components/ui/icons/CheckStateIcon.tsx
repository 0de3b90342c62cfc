import { Icon } from "./Icon";

export type CheckState = "passed" | "failed";

// Shape and colour both carry the verdict, so it reads without colour vision: a tick or a cross in a filled disc.
// The mark is drawn in the surface colour (--color-white: white on light, near-black on dark) because the discs
// flip with the theme: dark green and red on light, light green and pink on dark, where a white mark would vanish.
const styles: Record<CheckState, string> = {
  passed: "text-brand-700",
  failed: "text-red-700",
};

export function CheckStateIcon({ state, className = "size-5" }: { state: CheckState; className?: string }) {
  return (
    <Icon className={`${styles[state]} ${className}`}>
      <circle cx="12" cy="12" r="9.5" fill="currentColor" stroke="none" />
      <path stroke="var(--color-white)" strokeWidth={2.25} d={state === "passed" ? "m7.5 12.5 3 3 6-6.5" : "m8.5 8.5 7 7m0-7-7 7"} />
    </Icon>
  );
}
