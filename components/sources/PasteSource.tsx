"use client";

import { useId, useState } from "react";
import { buttonClass } from "@/components/ui/Card";

/** Paste anything the parser knows: a claim payload, a claim link, an ioConnect /did answer, a DID, a device URL. */
export function PasteSource({ onInput }: { onInput: (raw: string) => void }) {
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
        Paste the device&apos;s claim code, claim link, <code>did:io:0x…</code> or its <code>/did</code> answer
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
        Use this
      </button>
    </form>
  );
}
