import { isAddress, isHex, type Address, type Hex } from "viem";
import { z } from "zod";
import type { ClaimFailure, ClaimResult } from "@/lib/claim/machine";
import { embedModes } from "./params";

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

const address = z.string().refine((s): s is Address => isAddress(s, { strict: false }));
const txHash = z.string().refine((s): s is Hex => isHex(s) && s.length === 66);
const short = (max: number) => z.string().min(1).max(max);

const out = { source: z.literal(EMBED_SOURCE), v: z.literal(EMBED_PROTOCOL_VERSION) };

export const outgoingMessageSchema = z.discriminatedUnion("type", [
  /** The flow is on screen and listening; `chainId` is the chain it will claim on. */
  z.strictObject({ ...out, type: z.literal("ready"), mode: z.enum(embedModes), chainId: z.number().int().positive() }),
  /** The owner pressed "Claim device": the wallet is about to ask. */
  z.strictObject({ ...out, type: z.literal("claim:started") }),
  /** A transaction left the wallet (approval and registration are two when the wallet cannot batch). */
  z.strictObject({ ...out, type: z.literal("claim:submitted"), txHash }),
  /** The device has its ioID. `ioID` is the token id as a decimal string (it is a uint256). */
  z.strictObject({
    ...out,
    type: z.literal("claim:succeeded"),
    chainId: z.number().int().positive(),
    ioID: z.string().regex(/^\d+$/),
    did: short(200),
    device: address,
    wallet: address,
    txHash,
  }),
  /** The claim stopped; the owner can usually fix it and retry inside the flow, which stays open. */
  z.strictObject({ ...out, type: z.literal("claim:failed"), code: short(80), message: short(1000), action: short(500).optional() }),
  /** The owner closed the flow (or, for a popup, its window). */
  z.strictObject({ ...out, type: z.literal("closed") }),
]);

export type OutgoingMessage = z.infer<typeof outgoingMessageSchema>;
export type OutgoingType = OutgoingMessage["type"];

const host = { source: z.literal(HOST_SOURCE), v: z.literal(EMBED_PROTOCOL_VERSION) };

export const incomingMessageSchema = z.discriminatedUnion("type", [
  /** "Are you there?": the flow answers with `ready` (for hosts that start listening late). */
  z.strictObject({ ...host, type: z.literal("ping") }),
  /** The host is done with the flow: it answers `closed`, and a popup closes itself. */
  z.strictObject({ ...host, type: z.literal("close") }),
]);

export type IncomingMessage = z.infer<typeof incomingMessageSchema>;

/** A host's message, or undefined for anything else (other scripts' traffic, another version, garbage). */
export function parseIncomingMessage(data: unknown): IncomingMessage | undefined {
  const parsed = incomingMessageSchema.safeParse(data);
  return parsed.success ? parsed.data : undefined;
}

export function parseOutgoingMessage(data: unknown): OutgoingMessage | undefined {
  const parsed = outgoingMessageSchema.safeParse(data);
  return parsed.success ? parsed.data : undefined;
}

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
