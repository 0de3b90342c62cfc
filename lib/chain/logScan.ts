// Log queries against real nodes: they refuse large block ranges (or too many results), each in its own words, and
// a browser that reads the same history on every visit wastes the owner's time. Every log reader in the app (owner
// NFT discovery, device-wallet tokens, device history) goes through here, so each learns a node's limit once and
// reads only blocks it has not read before.
//
// Round trips: a scan sends the block-number read and its first log queries in the same tick, so a batching
// transport (viem `http(url, { batch: true })`, as the app configures) carries them in one HTTP request; each level
// of splitting after a refusal is one more round trip, all pieces of a level batched together. Once a node's limit
// is known (per client), later scans cut their range to it up front and pay no refusal.

import type { PublicClient } from "viem";
import { unanswered } from "./deployless";

export interface BlockRange {
  fromBlock: bigint;
  toBlock: bigint;
}

/** One log query over a block range: `client.getLogs({ …, fromBlock, toBlock })`, typed by the caller. */
export type LogFetch<L> = (range: { fromBlock: bigint; toBlock: bigint | "latest" }) => Promise<L[]>;

/** What a scan needs of a log to keep order and stop at the head (viem's logs have both). */
export interface PlacedLog {
  blockNumber: bigint | null;
  logIndex: number | null;
}

export interface LogScanResult<L> {
  logs: L[];
  /** The last block the scan covers: the next scan starts after it. */
  toBlock: bigint;
}

export class LogRangeError extends Error {
  override name = "LogRangeError";
}

/** The widest range each client's node has answered after refusing a wider one. */
const learnedSpan = new WeakMap<object, bigint>();

/**
 * A node's "no" to a range: any answer it gives (a JSON-RPC error) rather than no answer at all, plus the
 * "limit exceeded" family (-32005), which nodes use for "too many results" and which `unanswered` counts as a
 * passing fault elsewhere.
 */
function refusesRange(error: unknown): boolean {
  if (!unanswered(error)) return true;
  const text = error instanceof Error ? `${error.message} ${(error as { details?: string }).details ?? ""}` : "";
  return /limit|range|too (many|large)|more than|exceed/i.test(text);
}

function split({ fromBlock, toBlock }: BlockRange, span: bigint): BlockRange[] {
  const pieces: BlockRange[] = [];
  for (let from = fromBlock; from <= toBlock; from += span) {
    pieces.push({ fromBlock: from, toBlock: from + span - 1n < toBlock ? from + span - 1n : toBlock });
  }
  return pieces;
}

async function fetchRanges<L>(client: object, fetch: LogFetch<L>, ranges: BlockRange[]): Promise<L[]> {
  const settled = await Promise.allSettled(ranges.map((range) => fetch(range)));
  const retry: BlockRange[] = [];
  const logs: L[][] = [];
  for (const [i, outcome] of settled.entries()) {
    const range = ranges[i]!;
    if (outcome.status === "fulfilled") {
      logs[i] = outcome.value;
      continue;
    }
    const width = range.toBlock - range.fromBlock + 1n;
    if (width <= 1n || !refusesRange(outcome.reason)) throw outcome.reason;
    const half = (width + 1n) / 2n;
    const known = learnedSpan.get(client);
    if (known === undefined || half < known) learnedSpan.set(client, half);
    retry.push(range);
    logs[i] = [];
  }
  if (retry.length > 0) {
    // One level of halving for every refused piece, all in one batched round trip.
    const span = learnedSpan.get(client)!;
    logs.push(await fetchRanges(client, fetch, retry.flatMap((range) => split(range, span))));
  }
  return logs.flat();
}

/** Pieces answered out of order (a refused piece is read again after its neighbours) are put back in chain order. */
const inOrder = <L extends PlacedLog>(logs: L[]): L[] =>
  logs.sort((a, b) => (a.blockNumber === b.blockNumber ? (a.logIndex ?? 0) - (b.logIndex ?? 0) : a.blockNumber! < b.blockNumber! ? -1 : 1));

/**
 * All logs `fetch` finds from `fromBlock` to the chain head, however the node limits ranges. Logs must carry their
 * block number (viem's do); any above the head read in the same batch are left for the next scan, so consecutive
 * scans neither miss nor repeat a block (the block-number read goes first in the batch; nodes answer a batch in
 * order). IoTeX blocks are final once produced, so there is no reorganisation to undo.
 */
export async function scanLogs<L extends PlacedLog>(
  client: Pick<PublicClient, "getBlockNumber">,
  fetch: LogFetch<L>,
  fromBlock: bigint,
): Promise<LogScanResult<L>> {
  const head = client.getBlockNumber({ cacheTime: 0 });
  const known = learnedSpan.get(client);
  if (known === undefined) {
    // Unknown limit: try the whole range in the same round trip as the head, up to "latest".
    const whole = fetch({ fromBlock, toBlock: "latest" }).then(
      (logs) => ({ logs }),
      (error: unknown) => ({ error }),
    );
    const toBlock = await head;
    if (toBlock < fromBlock) return { logs: [], toBlock: fromBlock - 1n };
    const first = await whole;
    if ("logs" in first) return { logs: inOrder(first.logs.filter((log) => log.blockNumber !== null && log.blockNumber <= toBlock)), toBlock };
    if (!refusesRange(first.error)) throw first.error;
    learnedSpan.set(client, (toBlock - fromBlock + 2n) / 2n);
    return { logs: inOrder(await fetchRanges(client, fetch, split({ fromBlock, toBlock }, learnedSpan.get(client)!))), toBlock };
  }
  const toBlock = await head;
  if (toBlock < fromBlock) return { logs: [], toBlock: fromBlock - 1n };
  return { logs: inOrder(await fetchRanges(client, fetch, split({ fromBlock, toBlock }, known))), toBlock };
}

/** Where scans keep their cursors: `localStorage` in the browser; anything with the same two methods elsewhere. */
export interface CursorStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** How a scan's accumulated result is written to and read back from the store (reading is a boundary: validate). */
export interface CursorCodec<T> {
  encode(data: T): unknown;
  /** `undefined` for anything not written by `encode` of this version: the scan then starts over. */
  decode(json: unknown): T | undefined;
}

export interface IncrementalScan<L, T> {
  store: CursorStore | undefined;
  /** Unique per chain and question, e.g. `cursorKey(chainId, "owner-nfts", owner)`. */
  key: string;
  /** Where a first scan starts (ChainConfig.logsFromBlock). */
  startBlock: bigint;
  initial: T;
  /** Adds newly read logs (in block order) to what earlier scans found. */
  fold(data: T, logs: L[]): T;
  codec: CursorCodec<T>;
  scan(fromBlock: bigint): Promise<LogScanResult<L>>;
}

export const cursorKey = (chainId: number, question: string, ...subject: string[]): string =>
  ["ioid-logscan", chainId, question, ...subject.map((s) => s.toLowerCase())].join(":");

interface StoredCursor {
  v: 1;
  toBlock: string;
  data: unknown;
}

function readCursor<T>(store: CursorStore | undefined, key: string, codec: CursorCodec<T>): { toBlock: bigint; data: T } | undefined {
  let raw: string | null = null;
  try {
    raw = store?.getItem(key) ?? null;
  } catch {
    return undefined; // storage disabled (private mode, blocked cookies): read from the start
  }
  if (raw === null) return undefined;
  try {
    const parsed = JSON.parse(raw) as Partial<StoredCursor> | null;
    if (parsed?.v !== 1 || typeof parsed.toBlock !== "string" || !/^\d{1,30}$/.test(parsed.toBlock)) return undefined;
    const data = codec.decode(parsed.data);
    return data === undefined ? undefined : { toBlock: BigInt(parsed.toBlock), data };
  } catch {
    return undefined;
  }
}

/**
 * What `fold` made of every log from `startBlock` to the head, reading only the blocks after the stored cursor.
 * The cursor is written after a complete scan only, so an interrupted scan is read again, never half-counted.
 */
export async function scanSince<L, T>(job: IncrementalScan<L, T>): Promise<{ data: T; toBlock: bigint; fromBlock: bigint }> {
  const stored = readCursor(job.store, job.key, job.codec);
  const fromBlock = stored && stored.toBlock >= job.startBlock ? stored.toBlock + 1n : job.startBlock;
  const base = stored && stored.toBlock >= job.startBlock ? stored.data : job.initial;
  const { logs, toBlock } = await job.scan(fromBlock);
  const data = logs.length > 0 ? job.fold(base, logs) : base;
  try {
    const cursor: StoredCursor = { v: 1, toBlock: toBlock.toString(), data: job.codec.encode(data) };
    job.store?.setItem(job.key, JSON.stringify(cursor));
  } catch {
    // Quota or disabled storage: the next visit reads from the start again, which is slower, not wrong.
  }
  return { data, toBlock, fromBlock };
}

/** Test seam: forget what was learned about a client's node. */
export function forgetLogLimit(client: object): void {
  learnedSpan.delete(client);
}
