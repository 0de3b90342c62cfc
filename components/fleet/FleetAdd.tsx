"use client";

import dynamic from "next/dynamic";
import { useState } from "react";
import { DoorTabs } from "@/components/sources/DoorTabs";
import { sourceEntries } from "@/components/sources/SourcePicker";
import { Alert } from "@/components/ui/Card";
import type { FleetController } from "@/lib/claim/fleet/controller";
import type { FleetState } from "@/lib/claim/fleet/queueState";
import { FleetDeviceDoor } from "./FleetDeviceDoor";
import { FleetListDoor } from "./FleetListDoor";

const loading = () => <p className="text-sm text-slate-500">Loading…</p>;
// The QR decoder's worker loads only when a camera or image door is chosen.
const FleetCamera = dynamic(() => import("./FleetCamera").then((m) => m.FleetCamera), { ssr: false, loading });
const FleetImages = dynamic(() => import("./FleetImages").then((m) => m.FleetImages), { ssr: false, loading });

// The single claim's live-link doors, used once per device.
const live = sourceEntries.filter((e) => e.kind === "http" || e.kind === "ble" || e.kind === "serial");
type Door = "list" | "camera" | "images" | (typeof live)[number]["kind"];
const tabs: { kind: Door; label: string }[] = [
  { kind: "list", label: "List or file" },
  { kind: "camera", label: "Scan QR codes" },
  { kind: "images", label: "QR images" },
  ...live,
];

type Adders = Pick<FleetController, "addList" | "addFile" | "addItems" | "addDevice">;

/** The doors of a fleet, and what the last addition came to: devices added, repeats ignored, each failure named. */
export function FleetAdd({ state, adders }: { state: FleetState; adders: Adders }) {
  const [door, setDoor] = useState<Door>("list");
  const { lastAdded, inputErrors } = state;
  const entry = live.find((e) => e.kind === door);
  return (
    <div className="space-y-3">
      <DoorTabs tabs={tabs} active={door} onChoose={setDoor} idPrefix="fleet-door" label="How to add devices">
        {door === "list" && <FleetListDoor onList={adders.addList} onFile={adders.addFile} />}
        {door === "camera" && <FleetCamera onItems={adders.addItems} />}
        {door === "images" && <FleetImages onItems={adders.addItems} />}
        {entry && (
          <FleetDeviceDoor
            entry={entry}
            otherSources={tabs.filter((t) => t.kind !== door).map((t) => ({ label: t.label, choose: () => setDoor(t.kind) }))}
            onDevice={adders.addDevice}
          />
        )}
      </DoorTabs>
      {/* A code that only failed is said by its error alone. */}
      {lastAdded && (lastAdded.added > 0 || lastAdded.duplicates > 0 || inputErrors.length === 0) && (
        <p role="status" data-testid="fleet-added" className="text-sm text-slate-700">
          {lastAdded.added === 0 && lastAdded.duplicates > 0
            ? "Already in the queue: ignored."
            : `Added ${lastAdded.added} device${lastAdded.added === 1 ? "" : "s"}${lastAdded.duplicates > 0 ? `; ${lastAdded.duplicates} already in the queue ${lastAdded.duplicates === 1 ? "was" : "were"} ignored` : ""}.`}
        </p>
      )}
      {inputErrors.length > 0 && (
        <Alert tone="error" title={inputErrors.length === 1 ? "1 item could not be added" : `${inputErrors.length} items could not be added`}>
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
