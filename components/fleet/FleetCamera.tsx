"use client";

import { useTranslations } from "next-intl";
import { CameraSource } from "@/components/sources/CameraSource";
import type { QueueItem, QueueParse } from "@/lib/claim/fleet/queueInput";
import { text } from "@/lib/i18n/text";
import { scanFeedback } from "./scanFeedback";

/** The camera kept scanning: each new code joins the queue with a beep; a repeat or a bad code only changes the status. */
export function FleetCamera({ onItems }: { onItems: (items: QueueItem[]) => QueueParse }) {
  const t = useTranslations("Fleet.camera");
  return (
    <CameraSource
      prompt={t("prompt")}
      onInput={(scanned) => {
        if (onItems([{ where: text("Fleet.camera.where"), text: scanned }]).entries.length > 0) scanFeedback();
      }}
    />
  );
}
