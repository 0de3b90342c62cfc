import type { Hex } from "viem";
import type { ClaimFailure, ClaimResult } from "@/lib/claim/machine";
import type { Text } from "@/lib/i18n/text";
import type { OutgoingMessage, OutgoingType } from "./messages";
import { EMBED_PROTOCOL_VERSION, EMBED_SOURCE } from "./protocol";

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

/** `english` words a Text in English: hosts read `message` and `action` in English (docs/embed-api.md). */
export function messageForClaimEvent(event: ClaimOutcome, chainId: number, english: (said: Text) => string): OutgoingMessage {
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
      // Protocol 1 is strict: the host gets the same fields as ever, in English whatever the owner reads.
      return embedMessage("claim:failed", action ? { code, message: english(message), action: english(action) } : { code, message: english(message) });
    }
  }
}
