/**
 * Every way device data reaches a claim: the one list the machine, the stored claim's schema, the claim page's
 * labels (messages: Claim.source) and the source picker are typed from, so a new door is added here once.
 */
export const sourceKinds = ["camera", "image", "paste", "link", "http", "ble", "serial"] as const;

export type SourceKind = (typeof sourceKinds)[number];

