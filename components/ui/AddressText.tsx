"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { toIoAddress } from "@/lib/did/ioAddress";
import { explorerAddressUrl } from "@/lib/chain/config";
import { CopyButton } from "./CopyButton";

/**
 * An account in both of IoTeX's spellings: 0x (EVM wallets) and io1 (ioPay, iotexscan). One is shown at a time,
 * the toggle switches, and the copy button copies the form on screen.
 */
export function AddressText({ address, label, chainId, testId, short = false }: { address: string; label: string; chainId?: number; testId?: string; short?: boolean }) {
  const t = useTranslations("Ui");
  const [form, setForm] = useState<"0x" | "io1">("0x");
  const io = toIoAddress(address);
  const shown = form === "0x" ? address : io;
  // Lists show the ends only (what people compare); the title, the copy button and the device page have it all.
  const text = short ? `${shown.slice(0, form === "0x" ? 6 : 7)}…${shown.slice(-4)}` : shown;
  const explorer = chainId === undefined ? undefined : explorerAddressUrl(chainId, address);
  return (
    <span className="flex min-w-0 flex-wrap items-center gap-1.5">
      <span className="min-w-0 break-all font-mono text-xs" data-testid={testId} data-address={address} data-io-address={io} title={short ? shown : undefined}>
        {text}
      </span>
      <span className="flex items-center gap-1">
        <button
          type="button"
          className="inline-flex min-h-8 items-center rounded border border-slate-300 bg-white px-2 text-xs text-slate-700 hover:bg-slate-50"
          aria-label={t("showAs", { label, form: form === "0x" ? "io1" : "0x" })}
          onClick={() => setForm(form === "0x" ? "io1" : "0x")}
        >
          {form === "0x" ? "io1" : "0x"}
        </button>
        <CopyButton value={shown} label={`${label} (${form})`} />
        {explorer && (
          <a className="text-xs text-brand-700 underline" href={explorer} target="_blank" rel="noopener noreferrer">
            {t.rich("explorer", { label, sr: (chunks) => <span className="sr-only">{chunks}</span> })}
          </a>
        )}
      </span>
    </span>
  );
}
