import { decodeEventLog, getAddress, hexToBigInt, isAddressEqual, toEventSelector, zeroAddress, type Address, type Hash, type Hex } from "viem";
import { z } from "zod";
import { ioIDAbi, ioIDRegistryAbi } from "../chain/abi";
import { TRANSFER_TOPIC, topicAddress, type RawLog } from "../chain/rawLogs";
import type { CursorCodec } from "../chain/logScan";

// A device's history from contract events, made of the logs of one scan: the registry's record events for the
// device, the ioID token's transfers and take-overs (migrate), and token transfers in and out of its wallet.
// Logs of one transaction are read together (a transaction never straddles two scans), so a registration's mint
// and NFT deposit fold into its "registered" entry and a migrate's transfer into its "taken over" entry.

const topic = (abi: readonly unknown[], name: string) =>
  toEventSelector((abi as { type: string; name?: string }[]).find((i) => i.type === "event" && i.name === name) as never);

export const historyTopics = {
  newDevice: topic(ioIDRegistryAbi, "NewDevice"),
  updateDevice: topic(ioIDRegistryAbi, "UpdateDevice"),
  removeDevice: topic(ioIDRegistryAbi, "RemoveDevice"),
  /** The live registry declares it; ours reports migrations through ioID's Migrate only. */
  registryMigrate: topic(ioIDRegistryAbi, "Migrate"),
  ioIDMigrate: topic(ioIDAbi, "Migrate"),
  transfer: TRANSFER_TOPIC,
} as const;

interface Base {
  tx: Hash;
  block: bigint;
  logIndex: number;
}

export type HistoryEntry = Base &
  (
    | { kind: "registered"; owner: Address; hash: Hex; nft?: { contract: Address; tokenId: bigint } }
    | { kind: "document-updated"; by: Address; hash: Hex }
    | { kind: "transferred"; from: Address; to: Address }
    | { kind: "taken-over"; from: Address; to: Address }
    | { kind: "removed"; by: Address }
    /** ERC-20: `amount`; ERC-721: `tokenId`. */
    | { kind: "wallet-in" | "wallet-out"; contract: Address; counterparty: Address; amount?: bigint; tokenId?: bigint }
  );

export interface HistorySubject {
  registry: Address;
  ioID: Address;
  device: Address | undefined;
  ids: bigint[];
  wallets: Address[];
}

const same = (a: Address, list: readonly Address[]) => list.some((b) => isAddressEqual(a, b));

/** The new entries `logs` (one scan, chain order) make, appended to `entries` (chain order). Pure. */
export function foldHistory(subject: HistorySubject, entries: HistoryEntry[], logs: readonly RawLog[]): HistoryEntry[] {
  const byTx = new Map<Hash, RawLog[]>();
  for (const log of logs) byTx.set(log.transactionHash, [...(byTx.get(log.transactionHash) ?? []), log]);
  const out = [...entries];
  const seen = new Set(entries.map((e) => `${e.tx}:${e.logIndex}`));
  for (const txLogs of byTx.values()) {
    const isRegistry = (l: RawLog) => isAddressEqual(l.address, subject.registry);
    const isIoID = (l: RawLog) => isAddressEqual(l.address, subject.ioID);
    const registered = txLogs.some((l) => isRegistry(l) && l.topics[0] === historyTopics.newDevice);
    const migrated = txLogs.some((l) => (isIoID(l) && l.topics[0] === historyTopics.ioIDMigrate) || (isRegistry(l) && l.topics[0] === historyTopics.registryMigrate));
    for (const log of txLogs) {
      const at: Base = { tx: log.transactionHash, block: log.blockNumber, logIndex: log.logIndex };
      if (seen.has(`${at.tx}:${at.logIndex}`)) continue;
      const entry = toEntry(subject, log, at, txLogs, { registered, migrated });
      if (entry) {
        seen.add(`${at.tx}:${at.logIndex}`);
        out.push(entry);
      }
    }
  }
  return out;
}

function toEntry(s: HistorySubject, log: RawLog, at: Base, txLogs: RawLog[], tx: { registered: boolean; migrated: boolean }): HistoryEntry | undefined {
  const [t0] = log.topics;
  if (isAddressEqual(log.address, s.registry) && t0 !== historyTopics.transfer) {
    if (t0 === historyTopics.registryMigrate) return undefined; // told by ioID's transfer in the same transaction
    const { eventName, args } = decodeEventLog({ abi: ioIDRegistryAbi, data: log.data, topics: log.topics as [Hex, ...Hex[]] });
    if (eventName === "NewDevice") {
      const deposit = txLogs.find((l) => l.topics[0] === historyTopics.transfer && l.topics.length === 4 && same(topicAddress(l.topics[2]!), s.wallets) && !isAddressEqual(l.address, s.ioID));
      const nft = deposit && { nft: { contract: deposit.address, tokenId: hexToBigInt(deposit.topics[3]!) } };
      return { ...at, kind: "registered", owner: args.owner, hash: args.hash, ...nft };
    }
    if (eventName === "UpdateDevice") return { ...at, kind: "document-updated", by: args.owner, hash: args.hash };
    if (eventName === "RemoveDevice") return { ...at, kind: "removed", by: args.owner };
    return undefined;
  }
  if (t0 !== historyTopics.transfer || log.topics.length < 3) return undefined;
  const from = topicAddress(log.topics[1]!);
  const to = topicAddress(log.topics[2]!);
  if (isAddressEqual(log.address, s.ioID) && log.topics.length === 4) {
    if (!s.ids.includes(hexToBigInt(log.topics[3]!))) return undefined;
    if (isAddressEqual(from, zeroAddress)) return undefined; // the mint: part of "registered"
    return { ...at, kind: tx.migrated ? "taken-over" : "transferred", from, to };
  }
  const into = same(to, s.wallets);
  const outOf = same(from, s.wallets);
  if (into === outOf) return undefined; // not the wallet's, or a wallet sending to itself
  // The device NFT's arrival at registration belongs to the "registered" entry.
  if (into && tx.registered && log.topics.length === 4) return undefined;
  const erc20 = log.topics.length === 3;
  return {
    ...at,
    kind: into ? "wallet-in" : "wallet-out",
    contract: log.address,
    counterparty: into ? from : to,
    ...(erc20 ? (log.data.length >= 66 ? { amount: hexToBigInt(log.data.slice(0, 66) as Hex) } : {}) : { tokenId: hexToBigInt(log.topics[3]!) }),
  };
}

/** Newest first, each update paired with the hash it replaced. */
export function newestFirst(entries: readonly HistoryEntry[]): (HistoryEntry & { previousHash?: Hex })[] {
  let hash: Hex | undefined;
  const withPrevious = entries.map((e) => {
    if (e.kind === "registered") hash = e.hash;
    if (e.kind !== "document-updated") return e;
    const previousHash = hash;
    hash = e.hash;
    return previousHash ? { ...e, previousHash } : e;
  });
  return withPrevious.reverse();
}

// The cursor's stored form: bigints as decimal strings; validated when read back.
const big = z.string().regex(/^\d{1,78}$/).transform(BigInt);
const addr = z.string().regex(/^0x[0-9a-fA-F]{40}$/).transform((a) => getAddress(a));
const hex32 = z.string().regex(/^0x[0-9a-fA-F]{64}$/).transform((h) => h as Hash);
const base = { tx: hex32, block: big, logIndex: z.number().int().nonnegative() };
const entrySchema = z.discriminatedUnion("kind", [
  z.object({ ...base, kind: z.literal("registered"), owner: addr, hash: hex32, nft: z.object({ contract: addr, tokenId: big }).optional() }),
  z.object({ ...base, kind: z.literal("document-updated"), by: addr, hash: hex32 }),
  z.object({ ...base, kind: z.enum(["transferred", "taken-over"]), from: addr, to: addr }),
  z.object({ ...base, kind: z.literal("removed"), by: addr }),
  z.object({ ...base, kind: z.enum(["wallet-in", "wallet-out"]), contract: addr, counterparty: addr, amount: big.optional(), tokenId: big.optional() }),
]);

export const historyCodec: CursorCodec<HistoryEntry[]> = {
  encode: (entries) => JSON.parse(JSON.stringify(entries, (_, v: unknown) => (typeof v === "bigint" ? v.toString() : v))) as unknown,
  decode: (json) => {
    const parsed = z.array(entrySchema).safeParse(json);
    return parsed.success ? (parsed.data as HistoryEntry[]) : undefined;
  },
};
