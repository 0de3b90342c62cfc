import type { ReactNode } from "react";

/**
 * The camera panel's box, the same size whether the scanner is loading, running or cannot start, with one row
 * below for its status and the switch button: nothing under it moves as the camera comes up.
 */
export function CameraFrame({ children, below, dark = true }: { children?: ReactNode; below?: ReactNode; dark?: boolean }) {
  return (
    <div className="space-y-2">
      <div className={`relative flex aspect-[4/3] w-full items-center overflow-hidden rounded-md ${dark ? "bg-slate-900" : "border border-slate-200 bg-white p-4"}`}>
        {children}
      </div>
      <div className="flex min-h-11 flex-wrap items-center justify-between gap-2">{below}</div>
    </div>
  );
}
