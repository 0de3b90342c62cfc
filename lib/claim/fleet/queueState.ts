import type { Address, Hex } from "viem";
import { z } from "zod";
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

/** What survives a reload: each row's text and what was sent for it. */
export interface StoredFleet {
  chainId: number;
  owner: Address;
  rows: { raw: string; status: RowStatus; tokenId?: string | undefined; hash?: Hex | undefined; bundle?: string | undefined; result?: { ioID: string; did: string; device: Address; wallet: Address; txHash: Hex } | undefined; failure?: ClaimFailure | undefined }[];
}

const address = z.string().regex(/^0x[0-9a-fA-F]{40}$/).transform((s) => s as Address);
const hash = z.string().regex(/^0x[0-9a-fA-F]{64}$/).transform((s) => s as Hex);

// Storage is a boundary: another tab, an older version or a hand edit may have written anything.
const storedSchema = z.object({
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
        failure: z.object({ code: z.string().max(100), message: z.string().max(1000), action: z.string().max(1000).optional() }).optional(),
      }),
    )
    .max(500),
});

export function parseStoredFleet(json: unknown): StoredFleet | undefined {
  const parsed = storedSchema.safeParse(json);
  return parsed.success ? parsed.data : undefined;
}

export function toStored(rows: readonly QueueRow[], chainId: number, owner: Address): StoredFleet {
  return {
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
