"use client";

import { CameraSource } from "@/components/sources/CameraSource";
import type { QueueItem, QueueParse } from "@/lib/claim/fleet/queueInput";
import { scanFeedback } from "./scanFeedback";

/** The camera kept scanning: each new code joins the queue with a beep; a repeat or a bad code only changes the status. */
export function FleetCamera({ onItems }: { onItems: (items: QueueItem[]) => QueueParse }) {
  return (
    <CameraSource
      prompt="Show the devices' QR codes to the camera one after another: each new one is added with a beep."
      onInput={(text) => {
        if (onItems([{ where: "Camera", text }]).entries.length > 0) scanFeedback();
      }}
    />
  );
}
