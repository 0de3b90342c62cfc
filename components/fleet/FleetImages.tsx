"use client";

import { useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState } from "react";
import { QrDecoder } from "@/components/sources/qrDecoder";
import { decodeQrImage } from "@/components/sources/qrImage";
import { useQrImageProblem } from "@/components/sources/useQrImageProblem";
import type { QueueItem } from "@/lib/claim/fleet/queueInput";
import { untranslated } from "@/lib/i18n/text";

/** Photos or screenshots of several devices' QR codes at once: each decoded, each file that yields no code named. */
export function FleetImages({ onItems }: { onItems: (items: QueueItem[]) => void }) {
  const t = useTranslations("Fleet.images");
  const describe = useQrImageProblem();
  const id = useId();
  const decoder = useRef<QrDecoder | undefined>(undefined);
  const [reading, setReading] = useState<number>();
  useEffect(() => () => decoder.current?.dispose(), []);

  async function decodeAll(files: File[]) {
    if (files.length === 0) return;
    setReading(files.length);
    const items: QueueItem[] = [];
    // One after another: the decoder takes one image at a time, and a batch of photos is read in seconds.
    for (const file of files) {
      const decoded = await decodeQrImage(file, (decoder.current ??= new QrDecoder()));
      items.push("text" in decoded ? { where: untranslated(file.name), text: decoded.text } : { where: untranslated(file.name), text: "", message: untranslated(describe(decoded.problem)) });
    }
    setReading(undefined);
    onItems(items);
  }

  return (
    <div className="space-y-2">
      <label htmlFor={id} className="block text-sm font-medium">
        {t("label")}
      </label>
      <input
        id={id}
        type="file"
        accept="image/*"
        multiple
        onChange={(event) => {
          void decodeAll([...(event.target.files ?? [])]);
          event.target.value = "";
        }}
      />
      {reading !== undefined && (
        <p role="status" className="text-sm text-slate-600">
          {t("reading", { count: reading })}
        </p>
      )}
    </div>
  );
}
