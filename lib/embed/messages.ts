import { isAddress, isHex, type Address, type Hex } from "viem";
import { z } from "zod";
import { EMBED_PROTOCOL_VERSION, EMBED_SOURCE, embedModes, HOST_SOURCE } from "./protocol";

// The schemas of the postMessage protocol (see protocol.ts): what a host may send the flow, and what the flow
// sends, checked strictly so that anything else on a page's message channel is not mistaken for ours.

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
