"use client";

import { useTranslations } from "next-intl";
import dynamic from "next/dynamic";
import { useState, type ComponentType } from "react";
import type { SourceKind } from "@/lib/claim/sourceKind";
import type { DeviceSession } from "@/lib/device/session";
import { DoorIcon } from "@/components/ui/icons/DoorIcon";
import { AfterMessages } from "@/components/i18n/AfterMessages";
import { clientNamespaces } from "@/components/i18n/clientNamespaces";
import { CameraFrame } from "./CameraFrame";
import { DoorTabs } from "./DoorTabs";
import { PasteSource } from "./PasteSource";
import type { PickerKind, SourceEntry, SourceProps } from "./types";

function Loading() {
  return <p className="text-sm text-slate-500">{useTranslations("Sources")("loading")}</p>;
}
const loading = () => <Loading />;

// Camera and image decoding pull in the QR worker, Bluetooth and USB their transport codecs: loaded
// when chosen, never on first paint.
// The camera's panel keeps its size while it loads (CameraFrame.tsx): it is the first thing on the claim page.
const CameraSource = dynamic(() => import("./CameraSource").then((m) => m.CameraSource), {
  ssr: false,
  loading: () => <CameraFrame below={loading()} />,
});
const ImageSource = dynamic(() => import("./ImageSource").then((m) => m.ImageSource), { ssr: false, loading });
const EndpointSource = dynamic(() => import("./EndpointSource").then((m) => m.EndpointSource), { ssr: false, loading });
const BluetoothSource = dynamic(() => import("./BluetoothSource").then((m) => m.BluetoothSource), { ssr: false, loading });
const SerialSource = dynamic(() => import("./SerialSource").then((m) => m.SerialSource), { ssr: false, loading });

// Keyed by the one list of kinds (lib/claim/sourceKind.ts): a kind without a door here does not compile.
// The doors that talk to a device say its failures in the device's words (clientNamespaces.deviceErrors).
const doors: Record<PickerKind, { label: string; Component: ComponentType<SourceProps>; talksToDevice?: true }> = {
  camera: { label: "Scan QR", Component: CameraSource },
  image: { label: "QR image", Component: ImageSource },
  paste: { label: "Paste", Component: PasteSource },
  http: { label: "Wi-Fi (device address)", Component: EndpointSource, talksToDevice: true },
  ble: { label: "Bluetooth", Component: BluetoothSource, talksToDevice: true },
  serial: { label: "USB cable", Component: SerialSource, talksToDevice: true },
};

/** Adding a way in is one entry here and one adapter: everything after the source is shared. */
export const sourceEntries: SourceEntry[] = Object.entries(doors).map(([kind, door]) => ({ kind: kind as PickerKind, ...door }));

export function SourcePicker({ onInput }: { onInput: (raw: string, source: SourceKind, session?: DeviceSession) => void }) {
  const [active, setActive] = useState<SourceEntry["kind"]>("camera");
  const t = useTranslations("Sources");
  const entry = sourceEntries.find((e) => e.kind === active)!;
  const others = sourceEntries.filter((e) => e.kind !== active).map((e) => ({ label: t(`door.${e.kind}`), choose: () => setActive(e.kind) }));
  return (
    <DoorTabs tabs={sourceEntries.map((e) => ({ ...e, label: t(`door.${e.kind}`), icon: <DoorIcon kind={e.kind} className="size-4" /> }))} active={active} onChoose={setActive} idPrefix="source" label={t("tabsLabel")}>
      <AfterMessages namespaces={entry.talksToDevice ? clientNamespaces.deviceErrors : []} fallback={loading()}>
        <entry.Component onInput={(raw, session) => onInput(raw, entry.kind, session)} otherSources={others} />
      </AfterMessages>
    </DoorTabs>
  );
}
