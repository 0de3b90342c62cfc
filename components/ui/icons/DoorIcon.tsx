import type { ReactNode } from "react";
import type { SourceKind } from "@/lib/claim/sourceKind";
import { Icon } from "./Icon";

// One glyph per way in, keyed by the doors' own list of kinds: a new door without a glyph does not compile.
const glyphs: Record<Exclude<SourceKind, "link">, ReactNode> = {
  // A camera body with its lens.
  camera: (
    <>
      <path d="M4 8h3l1.5-2h7L17 8h3v11H4z" />
      <circle cx="12" cy="13" r="3.25" />
    </>
  ),
  // A picture: frame, a hill and the sun.
  image: (
    <>
      <rect x="4" y="5" width="16" height="14" rx="2" />
      <path d="m4 16 5-5 4 4 2-2 5 5" />
      <circle cx="15.5" cy="9" r="1.25" />
    </>
  ),
  // A clipboard.
  paste: (
    <>
      <path d="M9 5H7a2 2 0 0 0-2 2v12a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2V7a2 2 0 0 0-2-2h-2" />
      <rect x="9" y="3" width="6" height="4" rx="1" />
      <path d="M9 12h6M9 16h4" />
    </>
  ),
  // Wi-Fi waves: the device on the local network.
  http: (
    <>
      <path d="M3.5 9.5a12 12 0 0 1 17 0M6.5 12.5a7.5 7.5 0 0 1 11 0M9.5 15.5a3 3 0 0 1 5 0" />
      <circle cx="12" cy="18.5" r="0.75" fill="currentColor" />
    </>
  ),
  // The Bluetooth rune.
  ble: <path d="m7 7.5 10 9-5 4.5V3l5 4.5-10 9" />,
  // A USB plug on its cable.
  serial: (
    <>
      <rect x="8" y="3" width="8" height="7" rx="1" />
      <path d="M10.5 6h0M13.5 6h0M7 10h10v4a5 5 0 0 1-10 0zM12 19v2.5" />
    </>
  ),
};

export function DoorIcon({ kind, className }: { kind: Exclude<SourceKind, "link">; className?: string }) {
  return <Icon className={className}>{glyphs[kind]}</Icon>;
}
