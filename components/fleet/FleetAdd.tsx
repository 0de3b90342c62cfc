"use client";

import { useTranslations } from "next-intl";
import dynamic from "next/dynamic";
import { useState } from "react";
import { DoorTabs } from "@/components/sources/DoorTabs";
import { sourceEntries } from "@/components/sources/SourcePicker";
import type { PickerKind } from "@/components/sources/types";
import { Alert } from "@/components/ui/Card";
import { useText } from "@/components/i18n/useText";
import { DoorIcon } from "@/components/ui/icons/DoorIcon";
import type { FleetController } from "@/lib/claim/fleet/controller";
import type { FleetState } from "@/lib/claim/fleet/queueState";
import { FleetDeviceDoor } from "./FleetDeviceDoor";
import { FleetListDoor } from "./FleetListDoor";

function Loading() {
  const t = useTranslations("Fleet");
  return <p className="text-sm text-slate-500">{t("loading")}</p>;
}

// The QR decoder's worker loads only when a camera or image door is chosen.
const FleetCamera = dynamic(() => import("./FleetCamera").then((m) => m.FleetCamera), { ssr: false, loading: () => <Loading /> });
const FleetImages = dynamic(() => import("./FleetImages").then((m) => m.FleetImages), { ssr: false, loading: () => <Loading /> });

// The single claim's live-link doors, used once per device.
const liveKinds = ["http", "ble", "serial"] as const;
const live = sourceEntries.filter((e) => (liveKinds as readonly string[]).includes(e.kind));
const doors = ["list", "camera", "images", ...liveKinds] as const;
type Door = (typeof doors)[number];
// The fleet's list is pasted; its images are the single claim's image door, several at once.
const doorGlyphs: Record<Door, PickerKind> = { list: "paste", camera: "camera", images: "image", http: "http", ble: "ble", serial: "serial" };

type Adders = Pick<FleetController, "addList" | "addFile" | "addItems" | "addDevice">;

/** The doors of a fleet, and what the last addition came to: devices added, repeats ignored, each failure named. */
export function FleetAdd({ state, adders }: { state: FleetState; adders: Adders }) {
  const t = useTranslations("Fleet.add");
  const say = useText();
  const [door, setDoor] = useState<Door>("list");
  const { lastAdded, inputErrors } = state;
  const tabs = doors.map((kind) => ({ kind, label: t(`doors.${kind}`), icon: <DoorIcon kind={doorGlyphs[kind]} className="size-4" /> }));
  const entry = live.find((e) => e.kind === door);
  return (
    <div className="space-y-3">
      <DoorTabs tabs={tabs} active={door} onChoose={setDoor} idPrefix="fleet-door" label={t("doorsLabel")}>
        {door === "list" && <FleetListDoor onList={adders.addList} onFile={adders.addFile} />}
        {door === "camera" && <FleetCamera onItems={adders.addItems} />}
        {door === "images" && <FleetImages onItems={adders.addItems} />}
        {entry && (
          <FleetDeviceDoor
            entry={entry}
            otherSources={tabs.filter((tab) => tab.kind !== door).map((tab) => ({ label: tab.label, choose: () => setDoor(tab.kind) }))}
            onDevice={adders.addDevice}
          />
        )}
      </DoorTabs>
      {/* A code that only failed is said by its error alone. */}
      {lastAdded && (lastAdded.added > 0 || lastAdded.duplicates > 0 || inputErrors.length === 0) && (
        <p role="status" data-testid="fleet-added" className="text-sm text-slate-700">
          {lastAdded.added === 0 && lastAdded.duplicates > 0 ? t("alreadyQueued") : t("added", { added: lastAdded.added, duplicates: lastAdded.duplicates })}
        </p>
      )}
      {inputErrors.length > 0 && (
        <Alert tone="error" title={t("errorsTitle", { count: inputErrors.length })}>
          <ul className="list-disc pl-5">
            {inputErrors.map((e) => (
              <li key={`${e.where.key}${JSON.stringify(e.where.values)}-${e.text}`} data-testid="fleet-input-error">
                {t("error", { where: say(e.where), message: say(e.message) })}
              </li>
            ))}
          </ul>
        </Alert>
      )}
    </div>
  );
}
