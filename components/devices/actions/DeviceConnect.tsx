"use client";

import { useTranslations } from "next-intl";
import { useEffect, useId, useState } from "react";
import type { Address } from "viem";
import { CertificateHelp } from "@/components/sources/CertificateHelp";
import { sourceEntries } from "@/components/sources/SourcePicker";
import { useText } from "@/components/i18n/useText";
import type { Text } from "@/lib/i18n/text";
import { isDeviceError, saidOf } from "@/lib/untrusted/errors";
import type { DeviceSession } from "@/lib/device/session";
import { openSessionFor } from "@/lib/device/openSession";

// The claim flow's own sources that can hold a live link to a device: the same adapters, so a device that can
// be claimed over Wi-Fi, Bluetooth or USB can sign its update or removal the same way.
const live = new Set(["http", "ble", "serial"]);
const entries = sourceEntries.filter((e) => live.has(e.kind));

/** Opens a session with the device this ioID belongs to and checks it is that device before anything is signed. */
export function DeviceConnect({ device, session, onSession }: { device: Address; session: DeviceSession | undefined; onSession: (s: DeviceSession | undefined) => void }) {
  const t = useTranslations("DeviceDetail.connect");
  const say = useText();
  const [kind, setKind] = useState(entries[0]!.kind);
  const [checking, setChecking] = useState(false);
  // A device address whose https certificate may be the obstacle gets the claim door's guidance, not just a sentence.
  const [error, setError] = useState<{ said: Text; certificateOf?: string } | undefined>();
  // Update and remove each hold one of these on the same page: their radio groups must not merge.
  const group = useId();
  const entry = entries.find((e) => e.kind === kind) ?? entries[0]!;

  // The firmware serves one client at a time: let go of a session when it is replaced or the owner leaves.
  useEffect(() => () => void session?.close(), [session]);

  async function accept(raw: string, linked?: DeviceSession) {
    setChecking(true);
    setError(undefined);
    try {
      // The network source hands over the address it was given; the live links hand over their session.
      onSession(await openSessionFor({ session: linked, endpoint: linked ? undefined : raw }, device));
    } catch (caught) {
      const said = saidOf(caught);
      setError(!linked && isDeviceError(caught, "http-certificate") ? { said, certificateOf: raw } : { said });
    } finally {
      setChecking(false);
    }
  }

  const certificateOf = error?.certificateOf;
  if (session) {
    return (
      <p className="flex flex-wrap items-center gap-2 text-sm text-brand-900" role="status" data-testid="device-connected">
        <span aria-hidden>✓</span> {t("connected", { via: entries.find((e) => e.kind === session.transport)?.label ?? session.transport })}
        <button type="button" className="min-h-8 text-sm underline" onClick={() => onSession(undefined)}>
          {t("disconnect")}
        </button>
      </p>
    );
  }
  return (
    <div className="space-y-3">
      <fieldset className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
        <legend className="sr-only">{t("how")}</legend>
        {entries.map((e) => (
          <label key={e.kind} className="flex min-h-8 items-center gap-1.5">
            <input type="radio" name={group} checked={e.kind === kind} onChange={() => (setKind(e.kind), setError(undefined))} />
            {e.label}
          </label>
        ))}
      </fieldset>
      <entry.Component onInput={(raw, linked) => void accept(raw, linked)} otherSources={entries.filter((e) => e.kind !== kind).map((e) => ({ label: e.label, choose: () => setKind(e.kind) }))} />
      {checking && (
        <p role="status" className="text-sm text-slate-600">
          {t("checking")}
        </p>
      )}
      {certificateOf !== undefined ? (
        <CertificateHelp endpoint={certificateOf} onRetry={() => void accept(certificateOf)} />
      ) : (
        error && (
          <p role="alert" className="text-sm text-red-700">
            {say(error.said)}
          </p>
        )
      )}
    </div>
  );
}
