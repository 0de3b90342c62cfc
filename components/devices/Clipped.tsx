"use client";

import { useTranslations } from "next-intl";
import { revealInvisibles } from "@/lib/did/summary";

// Everything in a DID Document was written by whoever registered the device. It is rendered as React text
// (escaped), never as HTML or links, and long values are clipped so a hostile document cannot break the page.

const CLIP = 240;

/** Untrusted text: clipped, invisible characters spelt out, and isolated so its direction cannot leak out. */
export function Clipped({ text, className = "" }: { text: string; className?: string }) {
  const t = useTranslations("Documents");
  const clipped = text.length > CLIP;
  return (
    <bdi className={`break-all [overflow-wrap:anywhere] ${className}`} title={clipped ? t("characters", { length: text.length }) : undefined}>
      {revealInvisibles(clipped ? t("clipped", { start: text.slice(0, CLIP), length: text.length }) : text)}
    </bdi>
  );
}
