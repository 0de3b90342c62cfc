/**
 * The postMessage protocol between /embed/claim and its host page, version 1 (docs/embed-api.md). Every message
 * carries `source` and `v` so either side can tell ours from the other traffic a page receives; the schemas are
 * strict, so a message with extra or missing fields is not ours. A new field or type means version 2.
 */

export const EMBED_PROTOCOL_VERSION = 1;
/** `source` of what the flow sends. */
export const EMBED_SOURCE = "ioid-device-wallet";
/** `source` of what a host sends. */
export const HOST_SOURCE = "ioid-claim-host";

/** How the flow talks to its host; checked by parseEmbedParams (params.ts). */
export const embedModes = ["iframe", "popup", "redirect"] as const;
export type EmbedMode = (typeof embedModes)[number];
