/**
 * Every way device data reaches a claim: the one list the machine, the stored claim's schema, the claim page's
 * labels and the source picker are typed from, so a new door is added here once.
 */
export const sourceKinds = ["camera", "image", "paste", "link", "http", "ble", "serial"] as const;

export type SourceKind = (typeof sourceKinds)[number];

/** Where the data came from, as the claim page says it ("from the …"). */
export const sourceLabels: Record<SourceKind, string> = {
  camera: "camera",
  image: "QR image",
  paste: "pasted code",
  link: "claim link",
  http: "Wi-Fi",
  ble: "Bluetooth",
  serial: "USB cable",
};
