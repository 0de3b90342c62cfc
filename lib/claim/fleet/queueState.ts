import type { Address, Hex } from "viem";
import { z } from "zod";
import { untranslated, type Text, type TextKey } from "../../i18n/text";
import type { CallBundling } from "../bundling";
import type { ClaimFailure, ClaimResult } from "../machine";
import type { FleetCheckResult } from "./check";
import type { QueueEntry, QueueInputError } from "./queueInput";

/** Where one device of the queue stands. */
export type RowStatus = "queued" | "sent" | "done" | "failed";

export interface QueueRow {
  key: string;
  entry: QueueEntry;
  status: RowStatus;
  /** The owner's token for this row, instead of the automatic one. */
  tokenId?: bigint | undefined;
  /** The registration's transaction, once it left the wallet. */
  hash?: Hex | undefined;
  /** The EIP-5792 bundle carrying the registration, once the wallet took it (its wallet_getCallsStatus id). */
  bundle?: string | undefined;
  result?: ClaimResult | undefined;
  failure?: ClaimFailure | undefined;
}

export interface FleetState {
  rows: QueueRow[];
  /** What the last addition could not queue, each named. */
  inputErrors: QueueInputError[];
  lastAdded: { added: number; duplicates: number } | undefined;
  /** The most calls the wallet took in one bundle, once it has refused more: later sends are planned by it. */
  walletMaxCalls?: number | undefined;
  check: { status: "idle" | "checking" | "checked" | "failed"; result?: FleetCheckResult | undefined; error?: ClaimFailure | undefined };
  send: {
    status: "idle" | "sending" | "finished";
    prompt?: { index: number; total: number } | undefined;
    sent: number;
    total: number;
    bundling: CallBundling;
    /** The wallet refused a bundle that large: it takes at most `maxCalls` calls, so the send takes `prompts` prompts. */
    walletLimit?: { maxCalls: number; prompts: number } | undefined;
  };
}

export const initialFleetState: FleetState = { rows: [], inputErrors: [], lastAdded: undefined, check: { status: "idle" }, send: { status: "idle", sent: 0, total: 0, bundling: "none" } };

/**
 * What survives a reload: each row's text and what was sent for it. Version 2 keeps a failure's words as catalog
 * texts (the owner's language may change between reloads); version 1 (no `version`) kept them as English sentences.
 */
export interface StoredFleet {
  version: 2;
  chainId: number;
  owner: Address;
  rows: { raw: string; status: RowStatus; tokenId?: string | undefined; hash?: Hex | undefined; bundle?: string | undefined; result?: { ioID: string; did: string; device: Address; wallet: Address; txHash: Hex } | undefined; failure?: ClaimFailure | undefined }[];
}

const address = z.string().regex(/^0x[0-9a-fA-F]{40}$/).transform((s) => s as Address);
const hash = z.string().regex(/^0x[0-9a-fA-F]{64}$/).transform((s) => s as Hex);

// A catalog text as stored: a dotted key of the catalogs' shape and short values (a key the catalogs lack shows as
// the key, never as markup: next-intl escapes values and reports the missing message).
// Values may be texts themselves (a device error quoting the check it failed), a few levels at most: the bound keeps
// a hand-edited nesting thousands deep from overflowing the validator's stack (it is refused like any bad entry).
const TEXT_NESTING = 4;
const storedTextAt = (nesting: number): z.ZodType<Text> =>
  z.object({
    key: z.string().max(100).regex(/^[A-Za-z]\w*(\.[\w-]+)+$/) as unknown as z.ZodType<TextKey>,
    values: z.record(z.string().max(40), nesting === 0 ? z.union([z.string().max(1000), z.number()]) : z.union([z.string().max(1000), z.number(), storedTextAt(nesting - 1)])).optional(),
  });
const storedText = storedTextAt(TEXT_NESTING);

// Storage is a boundary: another tab, an older version or a hand edit may have written anything.
const storedSchema = <F extends z.ZodType>(failure: F) =>
  z.object({
    chainId: z.number().int().positive(),
    owner: address,
    rows: z
      .array(
        z.object({
          raw: z.string().max(16_384),
          status: z.enum(["queued", "sent", "done", "failed"]),
          tokenId: z.string().regex(/^\d+$/).optional(),
          hash: hash.optional(),
          bundle: z.string().min(1).max(8_192).optional(),
          result: z.object({ ioID: z.string().regex(/^\d+$/), did: z.string().max(100), device: address, wallet: address, txHash: hash }).optional(),
          failure: failure.optional(),
        }),
      )
      .max(500),
  });

const currentSchema = storedSchema(z.object({ code: z.string().max(100), message: storedText, action: storedText.optional() })).extend({ version: z.literal(2) });

// Version 1's failures were English sentences: still read, and shown as they were written (a reload must not lose
// the queue, its hashes or its results), until the row is checked again.
const version1Schema = storedSchema(
  z.object({ code: z.string().max(100), message: z.string().max(1000), action: z.string().max(1000).optional() }).transform(({ code, message, action }) => ({
    code,
    message: untranslated(message),
    action: action === undefined ? undefined : untranslated(action),
  })),
);

export function parseStoredFleet(json: unknown): StoredFleet | undefined {
  const current = currentSchema.safeParse(json);
  if (current.success) return current.data;
  const version1 = typeof json === "object" && json !== null && !("version" in json) ? version1Schema.safeParse(json) : undefined;
  return version1?.success ? { version: 2, ...version1.data } : undefined;
}

export function toStored(rows: readonly QueueRow[], chainId: number, owner: Address): StoredFleet {
  return {
    version: 2,
    chainId,
    owner,
    rows: rows.map((r) => ({
      raw: r.entry.raw,
      status: r.status,
      tokenId: r.tokenId?.toString(),
      hash: r.hash,
      bundle: r.bundle,
      result: r.result && { ...r.result, ioID: r.result.ioID.toString() },
      failure: r.failure,
    })),
  };
}
