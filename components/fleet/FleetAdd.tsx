"use client";

import { useState } from "react";
import { Alert, buttonClass } from "@/components/ui/Card";
import type { FleetState } from "@/lib/claim/fleet/queueState";

/** The doors of a fleet: a pasted list (one claim code or link per line) and a CSV or JSON file of payloads. */
export function FleetAdd({ state, onList, onFile }: { state: FleetState; onList: (text: string) => void; onFile: (name: string, text: string) => void }) {
  const [text, setText] = useState("");
  const { lastAdded, inputErrors } = state;
  return (
    <div className="space-y-3">
      <label className="block text-sm font-medium" htmlFor="fleet-list">
        Claim codes or links, one per line
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
          Add to queue
        </button>
        <label className="text-sm">
          <span className="mr-2">Or a CSV or JSON file of payloads</span>
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
      {lastAdded && (
        <p role="status" data-testid="fleet-added" className="text-sm text-slate-700">
          Added {lastAdded.added} device{lastAdded.added === 1 ? "" : "s"}
          {lastAdded.duplicates > 0 ? `; ${lastAdded.duplicates} already in the queue ${lastAdded.duplicates === 1 ? "was" : "were"} ignored` : ""}.
        </p>
      )}
      {inputErrors.length > 0 && (
        <Alert tone="error" title={`${inputErrors.length} line${inputErrors.length === 1 ? "" : "s"} could not be added`}>
          <ul className="list-disc pl-5">
            {inputErrors.map((e) => (
              <li key={`${e.where}-${e.text}`} data-testid="fleet-input-error">
                {e.where}: {e.message}
              </li>
            ))}
          </ul>
        </Alert>
      )}
    </div>
  );
}
