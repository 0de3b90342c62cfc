import { erc20Abi, erc721Abi, hexToBigInt, isAddressEqual, numberToHex, parseAbiItem, zeroAddress, type Address, type Hex, type PublicClient } from "viem";
import { cursorKey, scanLogs, scanSince, type CursorStore, type LogFetch } from "../chain/logScan";
import { addressTopic, rawLogFetch, TRANSFER_TOPIC, type RawLog } from "../chain/rawLogs";
import { readMany, type AnyRead as ReadCall } from "../chain/readMany";
import { tokenDecimals, tokenText } from "../deviceWallet/tokenText";
import { foldHistory, historyCodec, historyTopics, newestFirst, type HistoryEntry, type HistorySubject } from "./timeline";

// Reading a device's history: one scan whose every range asks five filters at once (the registry's record events
// for the device, the ioID's transfers and take-overs, tokens into and out of the wallet), so a node without range
// limits answers all of it in one round trip with the head; the page on screen then needs one more for its block
// times and token symbols. A cursor per chain and subject means a second visit reads only the new blocks.

export const HISTORY_PAGE_SIZE = 20;

export type HistoryClient = Pick<PublicClient, "request" | "getBlockNumber" | "getBlock" | "getLogs" | "multicall" | "readContract">;

export interface HistoryScope {
  chainId: number;
  registry: Address;
  ioID: Address;
  fromBlock: bigint;
  multicall3: Address | undefined;
  store?: CursorStore | undefined;
}

const idTopic = (id: bigint): Hex => numberToHex(id, { size: 32 });
const newDevice = parseAbiItem("event NewDevice(address indexed device, address owner, bytes32 hash, string uri)");
const createIoID = parseAbiItem("event CreateIoID(address indexed owner, uint256 id, address wallet, string did)");

/**
 * Fills in what a page knows only partly: a removed device read by DID has lost its ioID link, and an ioID read by
 * number has lost its device. Both are found again from the registration transaction (two more round trips).
 */
export async function resolveSubject(
  client: HistoryClient,
  scope: HistoryScope,
  known: { device?: Address | undefined; id?: bigint | undefined; wallet?: Address | undefined },
): Promise<HistorySubject> {
  const subject: HistorySubject = { registry: scope.registry, ioID: scope.ioID, device: known.device, ids: known.id === undefined ? [] : [known.id], wallets: known.wallet ? [known.wallet] : [] };
  if (known.device && known.id === undefined) {
    const { logs } = await scanLogs(client, rawLogFetch(client, { address: scope.registry, topics: [historyTopics.newDevice, addressTopic(known.device)] }), scope.fromBlock);
    const created = await Promise.all(logs.map((l) => client.getLogs({ address: scope.ioID, event: createIoID, blockHash: l.blockHash })));
    for (const c of created.flat()) {
      if (!logs.some((l) => l.transactionHash === c.transactionHash)) continue;
      subject.ids.push(c.args.id!);
      subject.wallets.push(c.args.wallet!);
    }
  } else if (!known.device && known.id !== undefined) {
    const mintFilter = { address: scope.ioID, topics: [TRANSFER_TOPIC, addressTopic(zeroAddress), null, idTopic(known.id)] };
    const { logs } = await scanLogs(client, rawLogFetch(client, mintFilter), scope.fromBlock);
    const records = await Promise.all(logs.map((l) => client.getLogs({ address: scope.registry, event: newDevice, blockHash: l.blockHash })));
    const record = records.flat().find((r) => logs.some((l) => l.transactionHash === r.transactionHash));
    subject.device = record?.args.device;
  }
  return subject;
}

/** The five filters of one history range, asked together (one batched round trip). */
function historyFetch(client: HistoryClient, s: HistorySubject): LogFetch<RawLog> {
  const fetches: LogFetch<RawLog>[] = [];
  if (s.device) {
    const kinds = [historyTopics.newDevice, historyTopics.updateDevice, historyTopics.removeDevice, historyTopics.registryMigrate];
    fetches.push(rawLogFetch(client, { address: s.registry, topics: [kinds, addressTopic(s.device)] }));
  }
  if (s.ids.length > 0) {
    fetches.push(rawLogFetch(client, { address: s.ioID, topics: [TRANSFER_TOPIC, null, null, s.ids.map(idTopic)] }));
    // ioID's Migrate names the token in its data, not a topic: all take-overs of the range (they are rare).
    fetches.push(rawLogFetch(client, { address: s.ioID, topics: [historyTopics.ioIDMigrate] }));
  }
  if (s.wallets.length > 0) {
    const wallets = s.wallets.map(addressTopic);
    fetches.push(rawLogFetch(client, { topics: [TRANSFER_TOPIC, null, wallets] }));
    fetches.push(rawLogFetch(client, { topics: [TRANSFER_TOPIC, wallets] }));
  }
  return async (range) => {
    const parts = await Promise.all(fetches.map((f) => f(range)));
    // A token sent from one of the subject's wallets to another appears in both filters: keep it once.
    const unique = new Map(parts.flat().map((l) => [`${l.transactionHash}:${l.logIndex}`, l]));
    return [...unique.values()].filter((l) => l.topics[0] !== historyTopics.ioIDMigrate || s.ids.includes(migratedId(l)));
  };
}

const migratedId = (log: RawLog): bigint => (log.data.length >= 66 ? hexToBigInt(log.data.slice(0, 66) as Hex) : -1n);

/** Every entry of the subject's history, chain order. */
export async function readHistoryEntries(client: HistoryClient, scope: HistoryScope, subject: HistorySubject): Promise<HistoryEntry[]> {
  const fetch = historyFetch(client, subject);
  const key = cursorKey(scope.chainId, "device-history", subject.device ?? "-", subject.ids.join(","), subject.wallets.join(","));
  const { data } = await scanSince<RawLog, HistoryEntry[]>({
    store: scope.store,
    key,
    startBlock: scope.fromBlock,
    initial: [],
    fold: (entries, logs) => foldHistory(subject, entries, logs),
    codec: historyCodec,
    scan: (from) => scanLogs(client, fetch, from),
  });
  return data;
}

export interface TokenLabel {
  symbol: string | undefined;
  name: string | undefined;
  decimals: number | undefined;
}

export type ShownEntry = ReturnType<typeof newestFirst>[number] & { time: Date | undefined; token: TokenLabel | undefined };

export interface HistoryPage {
  total: number;
  pages: number;
  entries: ShownEntry[];
}

/** One page, newest first, with block times and the symbols of the tokens it mentions (one round trip). */
export async function readHistoryPage(client: HistoryClient, scope: HistoryScope, entries: readonly HistoryEntry[], page: number): Promise<HistoryPage> {
  const ordered = newestFirst(entries);
  const slice = ordered.slice(page * HISTORY_PAGE_SIZE, (page + 1) * HISTORY_PAGE_SIZE);
  const blocks = [...new Set(slice.map((e) => e.block))];
  const tokens = [...new Set(slice.flatMap((e) => (e.kind === "wallet-in" || e.kind === "wallet-out" ? [e.contract] : [])))];
  const calls = tokens.flatMap((address) => [
    { address, abi: erc20Abi, functionName: "symbol" },
    { address, abi: erc721Abi, functionName: "name" },
    { address, abi: erc20Abi, functionName: "decimals" },
  ]) as ReadCall[];
  const [times, answers] = await Promise.all([
    Promise.all(blocks.map((blockNumber) => client.getBlock({ blockNumber }).then((b) => b.timestamp, () => undefined))),
    readMany(client, scope.multicall3, calls),
  ]);
  const timeOf = new Map(blocks.map((b, i) => [b, times[i]]));
  const labels = new Map(tokens.map((t, i) => [t, { symbol: tokenText(answers[i * 3], 16), name: tokenText(answers[i * 3 + 1], 48), decimals: tokenDecimals(answers[i * 3 + 2]) }]));
  return {
    total: ordered.length,
    pages: Math.max(1, Math.ceil(ordered.length / HISTORY_PAGE_SIZE)),
    entries: slice.map((e) => {
      const seconds = timeOf.get(e.block);
      const token = e.kind === "wallet-in" || e.kind === "wallet-out" ? [...labels].find(([t]) => isAddressEqual(t, e.contract))?.[1] : undefined;
      return { ...e, time: seconds === undefined ? undefined : new Date(Number(seconds) * 1000), token };
    }),
  };
}
