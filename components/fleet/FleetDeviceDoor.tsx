"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { CertificateHelp } from "@/components/sources/CertificateHelp";
import type { SourceEntry, OtherSource } from "@/components/sources/types";
import type { QueueParse } from "@/lib/claim/fleet/queueInput";
import type { DeviceSession } from "@/lib/device/session";

/**
 * A live-link door of the single claim (Wi-Fi, Bluetooth, USB) used again and again: each device connected signs
 * for the owner and joins the queue, then the door starts afresh for the next one. A device that could not be
 * added keeps what the owner typed.
 */
export function FleetDeviceDoor({ entry, otherSources, onDevice }: { entry: SourceEntry; otherSources: readonly OtherSource[]; onDevice: (raw: string, session?: DeviceSession) => Promise<QueueParse> }) {
  const t = useTranslations("Fleet.device");
  const [busy, setBusy] = useState(false);
  const [added, setAdded] = useState(0);
  // The device address whose https certificate may be in the way, with what the owner gave, to try it again.
  const [certificate, setCertificate] = useState<{ endpoint: string; raw: string }>();

  async function accept(raw: string, session?: DeviceSession) {
    setBusy(true);
    setCertificate(undefined);
    const parsed = await onDevice(raw, session);
    setBusy(false);
    if (parsed.entries.length > 0) setAdded((n) => n + 1);
    const endpoint = parsed.errors.find((e) => e.certificateOf)?.certificateOf;
    if (endpoint) setCertificate({ endpoint, raw });
  }

  return (
    <div className="space-y-2">
      <entry.Component key={added} onInput={(raw, session) => void accept(raw, session)} otherSources={otherSources} />
      {certificate && !busy && <CertificateHelp endpoint={certificate.endpoint} onRetry={() => void accept(certificate.raw)} />}
      {busy ? (
        <p role="status" className="text-sm text-slate-600">
          {t("signing")}
        </p>
      ) : (
        added > 0 && (
          <p role="status" data-testid="fleet-device-next" className="text-sm text-slate-700">
            {t("next", { count: added })}
          </p>
        )
      )}
    </div>
  );
}
