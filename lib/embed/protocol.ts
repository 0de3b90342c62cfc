import type { Hex } from "viem";
import type { ClaimFailure, ClaimResult } from "@/lib/claim/machine";
import type { OutgoingMessage, OutgoingType } from "./messages";

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

// Building messages needs no schema: the flow's page sends them without loading zod (messages.ts checks what
// arrives, and is loaded when something does).

type Body<T extends OutgoingType> = Omit<Extract<OutgoingMessage, { type: T }>, "source" | "v" | "type">;

export function embedMessage<T extends OutgoingType>(type: T, ...body: keyof Body<T> extends never ? [] : [Body<T>]): OutgoingMessage {
  return { source: EMBED_SOURCE, v: EMBED_PROTOCOL_VERSION, type, ...body[0] } as OutgoingMessage;
}

/** What the claim flow reports (components/claim's ClaimFlowEvent), as far as the wire needs it. */
export type ClaimOutcome =
  | { type: "started" }
  | { type: "submitted"; txHash: Hex }
  | { type: "succeeded"; result: ClaimResult }
  | { type: "failed"; error: ClaimFailure };

export function messageForClaimEvent(event: ClaimOutcome, chainId: number): OutgoingMessage {
  switch (event.type) {
    case "started":
      return embedMessage("claim:started");
    case "submitted":
      return embedMessage("claim:submitted", { txHash: event.txHash });
    case "succeeded": {
      const { ioID, did, device, wallet, txHash } = event.result;
      return embedMessage("claim:succeeded", { chainId, ioID: ioID.toString(), did, device, wallet, txHash });
    }
    case "failed": {
      const { code, message, action } = event.error;
      return embedMessage("claim:failed", action ? { code, message, action } : { code, message });
    }
  }
}

/** Redirect mode's answer: return_to with the outcome in its query (existing parameters are kept). */
export type RedirectOutcome =
  | { status: "succeeded"; chainId: number; result: ClaimResult }
  | { status: "failed"; code: string }
  | { status: "cancelled" };

export function redirectUrl(returnTo: string, outcome: RedirectOutcome): string {
  const url = new URL(returnTo);
  const set = (key: string, value: string) => url.searchParams.set(key, value);
  set("status", outcome.status);
  if (outcome.status === "succeeded") {
    set("chain", String(outcome.chainId));
    set("ioID", outcome.result.ioID.toString());
    set("did", outcome.result.did);
    set("device", outcome.result.device);
    set("wallet", outcome.result.wallet);
    set("tx", outcome.result.txHash);
  } else if (outcome.status === "failed") {
    set("code", outcome.code);
  }
  return url.toString();
}
