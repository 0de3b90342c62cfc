"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { defaultChainConfig } from "@/lib/chain/config";
import { buttonClass } from "@/components/ui/Card";
import { useText } from "@/components/i18n/useText";
import { untranslated, type Text } from "@/lib/i18n/text";

/** Read-only lookup of any device: DID, device address (0x or io1) or ioID number. */
export function DeviceLookup({ chainId }: { chainId: number }) {
  const t = useTranslations("Devices.lookup");
  const router = useRouter();
  const [text, setText] = useState("");
  const [error, setError] = useState<Text | undefined>();
  const id = useId();
  const say = useText();

  async function lookUp() {
    // The parser (addresses, io1 checksums, DIDs) loads on the first lookup, not with the page.
    const [{ deviceRefSegment, parseDeviceRef }, { saidOf }] = await Promise.all([import("@/lib/did/didIo"), import("@/lib/untrusted/errors")]);
    let segment: string;
    try {
      segment = deviceRefSegment(parseDeviceRef(text));
    } catch (caught) {
      // Its reason as words of the catalog: said in the owner's language, and again after a language switch.
      return setError(saidOf(caught));
    }
    setError(undefined);
    const chain = chainId === defaultChainConfig.chain.id ? "" : `?chain=${chainId}`;
    router.push(`/devices/${encodeURIComponent(segment)}${chain}`);
  }

  return (
    <form
      role="search"
      aria-label={t("formLabel")}
      className="space-y-2"
      onSubmit={(event) => {
        event.preventDefault();
        lookUp().catch((caught: unknown) => setError(untranslated(caught instanceof Error ? caught.message : String(caught))));
      }}
    >
      <label htmlFor={id} className="block text-sm font-medium">
        {t("label")}
      </label>
      <p id={`${id}-hint`} className="text-xs text-slate-600">
        {t("hint")}
      </p>
      <div className="flex flex-col gap-2 sm:flex-row">
        <input
          id={id}
          value={text}
          onChange={(event) => setText(event.target.value)}
          aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`}
          aria-invalid={error ? true : undefined}
          autoComplete="off"
          spellCheck={false}
          placeholder={t("placeholder")}
          className="min-h-11 w-full min-w-0 rounded-md border border-slate-300 px-3 font-mono text-sm"
        />
        <button type="submit" className={`${buttonClass.secondary} shrink-0 whitespace-nowrap`} disabled={!text.trim()}>
          {t("submit")}
        </button>
      </div>
      {error && (
        <p id={`${id}-error`} role="alert" className="text-sm text-red-700">
          {say(error)}
        </p>
      )}
    </form>
  );
}
