"use client";

import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { buttonClass } from "@/components/ui/Card";

/** Paste anything the parser knows: a claim payload, a claim link, an ioConnect /did answer, a DID, a device URL. */
export function PasteSource({ onInput }: { onInput: (raw: string) => void }) {
  const t = useTranslations("Sources.paste");
  const [text, setText] = useState("");
  const id = useId();
  return (
    <form
      className="space-y-2"
      onSubmit={(event) => {
        event.preventDefault();
        onInput(text);
      }}
    >
      <label htmlFor={id} className="block text-sm text-slate-600">
        {t.rich("label", { code: (chunks) => <code>{chunks}</code> })}
      </label>
      <textarea
        id={id}
        value={text}
        onChange={(event) => setText(event.target.value)}
        rows={4}
        spellCheck={false}
        className="w-full rounded-md border border-slate-300 p-2 font-mono text-xs"
      />
      <button type="submit" className={buttonClass.primary} disabled={!text.trim()}>
        {t("submit")}
      </button>
    </form>
  );
}
