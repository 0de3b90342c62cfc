import type { Address } from "viem";
import { isDeviceError } from "../../untrusted/errors";
import { text as said, type Text } from "../../i18n/text";
import { parseClaimInput, type ParseClaimInputOptions } from "../input/parse";
import type { ClaimInput } from "../input/types";
import { parseCsv } from "./csv";

/** A device ready to queue: identified and carrying its signature for the owner. */
export interface QueueEntry {
  /** The text it came from, verbatim: kept with the queue and parsed again after a reload. */
  raw: string;
  input: ClaimInput & { device: Address; did: string };
  /** The lowercase device address: one row per device. */
  key: string;
}

/** A line (or file item) that cannot be queued, and why, in the owner's words. */
export interface QueueInputError {
  /** "Line 3", "Item 2", "Row 5", a file's name. */
  where: Text;
  text: string;
  message: Text;
  /** A device address (https) the browser could not reach: maybe its certificate is not accepted yet. */
  certificateOf?: string | undefined;
}

export interface QueueParse {
  entries: QueueEntry[];
  errors: QueueInputError[];
  /** Devices already queued, or given twice: ignored. */
  duplicates: number;
}

/** The most devices one queue takes: a batch, a page and a wallet all stay workable. */
export const MAX_QUEUE = 200;

/** A pasted list: one claim code or link per line; blank lines and `#` comments are skipped. */
export function parseClaimList(text: string, options: ParseClaimInputOptions = {}, queued: ReadonlySet<string> = new Set()): QueueParse {
  const items = text.split(/\r?\n/).map((line, i) => ({ where: said("ClaimQueue.where.line", { n: i + 1 }), text: line.trim() }));
  return collect(items.filter((item) => item.text !== "" && !item.text.startsWith("#")), options, queued);
}

/**
 * A file of payloads: JSON (an array of payload objects or claim codes, or `{ "devices": [...] }`), or CSV with a
 * header row: either a `payload` column of claim codes or links, or one column per payload field (docs/claim-payload.md)
 * with `nftContract` and `nftTokenId` for the device NFT.
 */
export function parseClaimFile(name: string, text: string, options: ParseClaimInputOptions = {}, queued: ReadonlySet<string> = new Set()): QueueParse {
  const trimmed = text.trim();
  if (/\.json$/i.test(name) || trimmed.startsWith("[") || trimmed.startsWith("{")) return collect(jsonItems(trimmed), options, queued);
  return collect(csvItems(trimmed), options, queued);
}

/** A line, file item, CSV row, scanned code or image; `message` when it is already known to be unusable. */
export interface QueueItem {
  where: Text;
  text: string;
  message?: Text | undefined;
  certificateOf?: string | undefined;
}

function jsonItems(text: string): QueueItem[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return [{ where: said("ClaimQueue.where.file"), text: text.slice(0, 60), message: said("ClaimQueue.notJson", { detail: (error as Error).message }) }];
  }
  const list = Array.isArray(parsed) ? parsed : (parsed as { devices?: unknown })?.devices;
  if (!Array.isArray(list)) return [{ where: said("ClaimQueue.where.file"), text: text.slice(0, 60), message: said("ClaimQueue.notList") }];
  return list.map((item, i) => ({ where: said("ClaimQueue.where.item", { n: i + 1 }), text: typeof item === "string" ? item.trim() : JSON.stringify(item) }));
}

const FIELD_COLUMNS = ["v", "did", "puk", "docUri", "docHash", "endpoint", "chainId", "registry", "owner", "nonce", "sig", "project"] as const;
const PAYLOAD_COLUMNS = ["payload", "claim", "code", "link"];

function csvItems(text: string): QueueItem[] {
  const [header, ...rows] = parseCsv(text);
  const columns = (header ?? []).map((h) => h.trim());
  const payloadColumn = columns.findIndex((c) => PAYLOAD_COLUMNS.includes(c.toLowerCase()));
  if (payloadColumn < 0 && !columns.includes("did")) {
    return [{ where: said("ClaimQueue.where.row", { n: 1 }), text: columns.join(","), message: said("ClaimQueue.noPayloadColumn") }];
  }
  return rows
    .map((cells, i) => ({ cells, where: said("ClaimQueue.where.row", { n: i + 2 }) }))
    .filter(({ cells }) => cells.some((c) => c.trim() !== ""))
    .map(({ cells, where }) => {
      if (payloadColumn >= 0) return { where, text: (cells[payloadColumn] ?? "").trim() };
      const cell = (name: string) => cells[columns.indexOf(name)]?.trim() || undefined;
      const payload: Record<string, unknown> = { v: 1 };
      for (const field of FIELD_COLUMNS) {
        const value = cell(field);
        if (value !== undefined) payload[field] = field === "v" || field === "chainId" ? Number(value) : value;
      }
      const contract = cell("nftContract");
      if (contract) payload.deviceNFT = { contract, ...(cell("nftTokenId") ? { tokenId: cell("nftTokenId") } : {}) };
      return { where, text: JSON.stringify(payload) };
    });
}

/** Codes that arrive one by one or from several sources at once (camera scans, QR images, connected devices), each named by `where`. */
export function parseClaimItems(items: readonly QueueItem[], options: ParseClaimInputOptions = {}, queued: ReadonlySet<string> = new Set()): QueueParse {
  return collect(items, options, queued);
}

function collect(items: readonly QueueItem[], options: ParseClaimInputOptions, queued: ReadonlySet<string>): QueueParse {
  const result: QueueParse = { entries: [], errors: [], duplicates: 0 };
  const seen = new Set(queued);
  for (const item of items) {
    if (item.message) {
      result.errors.push({ where: item.where, text: item.text, message: item.message, certificateOf: item.certificateOf });
      continue;
    }
    const outcome = toEntry(item.text, options);
    if ("message" in outcome) result.errors.push({ where: item.where, text: preview(item.text), message: outcome.message });
    else if (seen.has(outcome.key)) result.duplicates++;
    else if (seen.size >= MAX_QUEUE) result.errors.push({ where: item.where, text: preview(item.text), message: said("ClaimQueue.full", { max: MAX_QUEUE }) });
    else {
      seen.add(outcome.key);
      result.entries.push(outcome);
    }
  }
  return result;
}

/** One claim code or link → a queue entry, or the reason it cannot be one. */
export function toEntry(text: string, options: ParseClaimInputOptions): QueueEntry | { message: Text } {
  let input: ClaimInput;
  try {
    input = parseClaimInput(text, options);
  } catch (error) {
    if (isDeviceError(error)) return { message: error.said };
    throw error;
  }
  if (input.device === undefined || input.did === undefined) {
    return { message: said("ClaimQueue.addressOnly") };
  }
  if (!input.permit) {
    return { message: said("ClaimQueue.noSignature", { did: input.did }) };
  }
  return { raw: text, input: input as QueueEntry["input"], key: input.device.toLowerCase() };
}

const preview = (text: string) => (text.length > 60 ? `${text.slice(0, 57)}…` : text);
