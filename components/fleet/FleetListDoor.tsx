"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { buttonClass } from "@/components/ui/Card";

/** A pasted list (one claim code or link per line) and a CSV or JSON file of payloads. */
export function FleetListDoor({ onList, onFile }: { onList: (text: string) => void; onFile: (name: string, text: string) => void }) {
  const t = useTranslations("Fleet.list");
  const [text, setText] = useState("");
  return (
    <div className="space-y-3">
      <label className="block text-sm font-medium" htmlFor="fleet-list">
        {t("label")}
      </label>
      <textarea id="fleet-list" value={text} onChange={(e) => setText(e.target.value)} rows={5} className="w-full rounded-md border border-slate-300 p-2 font-mono text-xs" />
      <div className="flex flex-wrap items-center gap-3">
        <button
          type="button"
          className={buttonClass.primary}
          disabled={text.trim() === ""}
          onClick={() => {
            onList(text);
            setText("");
          }}
        >
          {t("add")}
        </button>
        <label className="text-sm">
          <span className="mr-2">{t("file")}</span>
          <input
            type="file"
            accept=".csv,.json,text/csv,application/json"
            onChange={async (e) => {
              const file = e.target.files?.[0];
              if (file) onFile(file.name, await file.text());
              e.target.value = "";
            }}
          />
        </label>
      </div>
    </div>
  );
}
