import type { ComponentType } from "react";
import type { SourceKind } from "@/lib/claim/sourceKind";
import type { DeviceSession } from "@/lib/device/session";

/** What a door hands over: the device's text (a payload, a DID answer, an address) and, for live links, the open session. */
export type SourceInput = (raw: string, session?: DeviceSession) => void;

export interface SourceProps {
  onInput: SourceInput;
  /** The other ways in, to offer when this browser lacks the API a source needs. */
  otherSources?: readonly OtherSource[] | undefined;
}

export interface OtherSource {
  label: string;
  choose: () => void;
}

/** A door the picker offers: every kind but the claim link, which arrives in the page's address. */
export type PickerKind = Exclude<SourceKind, "link">;

export interface SourceEntry {
  kind: PickerKind;
  label: string;
  Component: ComponentType<SourceProps>;
  /** Wi-Fi, Bluetooth, USB: the door reaches the device itself, whose failures it says in DeviceErrors' words. */
  talksToDevice?: true;
}
