import { parseAbiItem, zeroAddress, type Address, type Hash, type Hex, type PublicClient } from "viem";
import { formatDid, type IoDid } from "../did/did";
import { devicesLensAbi, devicesLensBytecode, ioIDRegistryAbi } from "./abi";
import { lensOrPlain } from "./deployless";
import { byDevicesStepwise, byIdsStepwise, ownedByStepwise, URI_STATE, type StepwiseOptions } from "./devicesStepwise";

// Reads for "My devices", the device page and the DID resolver. Everything about a page of ioIDs comes from
// deployless eth_calls (contracts/DevicesLens.sol): the device behind an ioID, its record and its project are
// each known only after the previous read, so plain reads need up to six dependent stages where the lens needs
// one, and the lens works the same on chains without Multicall3. Calls for one page go out together; with a
// batching transport (viem `http(url, { batch: true })`, as the app configures) they travel as one HTTP request.
// A node that refuses an eth_call without `to` still gets the same rows, from those stages of plain reads
// (devicesStepwise.ts, batched through Multicall3 where the chain has it).

/** One screen of the list; also the first read, so an owner sees it after one round trip. */
export const DEVICE_PAGE_SIZE = 25;
/** The list needs the URI only for data: documents (hash-checked in the browser); a longer one is omitted. */
export const LIST_URI_CAP = 8 * 1024;
/** The largest DID Document URI the device page and the resolver read. */
export const DETAIL_URI_CAP = 64 * 1024;

/** EIP-170: a deployless read returns its result as contract code, so at most this many bytes. */
const LENS_RETURN_LIMIT = 24_576;
/** One row's encoded size without its URI (17 words, string heads, a project name of at most 96 bytes), rounded up. */
const ROW_FIXED_BYTES = 800;
/** Rows per lens call: ten leave ~15 KB for inline URIs, room for ten ioConnect documents as data: URIs. */
export const LENS_CHUNK = 10;
const uriBudget = (rows: number) => BigInt(LENS_RETURN_LIMIT - 1_024 - rows * ROW_FIXED_BYTES);

export type DocumentUri =
  | { state: "ok"; uri: string }
  | { state: "over-cap"; length: number }
  /** Not read: the caller asked for records only (`withUris: false`); readDocumentURI() fetches it. */
  | { state: "deferred"; length: number }
  | { state: "unreadable" }
  | { state: "none" };

export interface DeviceView {
  /** ioID token id; undefined for a device that has no registration. */
  id: bigint | undefined;
  owner: Address | undefined;
  /** Undefined once the registration was removed: the ioID token survives without a device. */
  device: Address | undefined;
  did: IoDid | undefined;
  wallet: Address | undefined;
  walletBalance: bigint;
  registered: boolean;
  /** ioIDRegistry.nonces(device): what the next device Permit must carry. */
  nonce: bigint;
  documentHash: Hex | undefined;
  documentURI: DocumentUri;
  project: { id: bigint; name: string } | undefined;
  deviceNFT: { contract: Address; held: bigint; tokenId: bigint | undefined } | undefined;
}

export interface DevicesPage {
  chainId: number;
  blockNumber: bigint;
  /** ioIDs the owner holds (ownedBy), or items asked for. */
  total: number;
  items: DeviceView[];
}

/** getBalance, getChainId and getBlockNumber serve the stepwise reads on chains without Multicall3. */
export type LensClient = Pick<PublicClient, "readContract" | "multicall" | "getBalance" | "getChainId" | "getBlockNumber">;

export interface LensOptions {
  uriCap?: number;
  /** false: leave every URI unread (state "deferred"), for callers that need it only sometimes. */
  withUris?: boolean;
  /** Where the chain has Multicall3, URIs too long to inline, and the stepwise reads, go through it (else in parallel). */
  multicall3?: Address | undefined;
}

const lens = { abi: devicesLensAbi, code: devicesLensBytecode } as const;

export type LensResult = Awaited<ReturnType<typeof lensByIds>>;
type LensItem = LensResult[1][number];

function lensByIds(client: LensClient, registry: Address, ids: readonly bigint[], options: LensOptions) {
  return client.readContract({ ...lens, functionName: "byIds", args: [registry, ids, BigInt(options.uriCap ?? DETAIL_URI_CAP), budgetFor(ids.length, options)] });
}

const budgetFor = (rows: number, options: LensOptions) => (options.withUris === false ? 0n : uriBudget(rows));

const stepwiseOptions = (r: LensOptions & { registry: Address }, uriCap: number): StepwiseOptions => ({
  registry: r.registry,
  uriCap,
  withUris: r.withUris !== false,
  multicall3: r.multicall3,
});

const orUndefined = (a: Address): Address | undefined => (a === zeroAddress ? undefined : a);

function documentUriOf(item: LensItem, uri: string | undefined, withUris: boolean): DocumentUri {
  const length = Number(item.documentURILength);
  if (!item.registered) return { state: "none" };
  if (item.documentURIState === URI_STATE.overCap) return { state: "over-cap", length };
  if (item.documentURIState === URI_STATE.deferred && !withUris) return { state: "deferred", length };
  return uri === undefined ? { state: "unreadable" } : { state: "ok", uri };
}

function toView(item: LensItem, documentURI: DocumentUri): DeviceView {
  const device = orUndefined(item.device);
  const deviceNFT = orUndefined(item.deviceNFT);
  return {
    id: item.id === 0n ? undefined : item.id,
    owner: orUndefined(item.owner),
    device,
    did: device ? formatDid(device) : undefined,
    wallet: orUndefined(item.wallet),
    walletBalance: item.walletBalance,
    registered: item.registered,
    nonce: item.nonce,
    documentHash: item.registered ? item.documentHash : undefined,
    documentURI,
    project: item.projectId === 0n ? undefined : { id: item.projectId, name: item.projectName },
    deviceNFT: deviceNFT && {
      contract: deviceNFT,
      held: item.deviceNFTBalance,
      tokenId: item.deviceNFTTokenIdKnown ? item.deviceNFTTokenId : undefined,
    },
  };
}

/**
 * Joins chunked lens answers and reads the URIs that did not fit a chunk straight from the registry. `total`:
 * the number of items asked for, which every chunk's header counts only for itself.
 */
async function toPage(client: LensClient, registry: Address, results: LensResult[], options: LensOptions, total?: number): Promise<DevicesPage> {
  const items = results.flatMap(([, rows]) => rows);
  const withUris = options.withUris !== false;
  const deferred = withUris ? items.filter((i) => i.registered && i.documentURIState === URI_STATE.deferred) : [];
  const uris = new Map<string, string | undefined>();
  if (deferred.length > 0) {
    const calls = deferred.map((i) => ({ address: registry, abi: ioIDRegistryAbi, functionName: "documentURI", args: [i.device] }) as const);
    const answers = options.multicall3
      ? (await client.multicall({ contracts: calls, allowFailure: true, multicallAddress: options.multicall3 })).map((a) => (a.status === "success" ? a.result : undefined))
      : await Promise.all(calls.map((c) => client.readContract(c).catch(() => undefined)));
    deferred.forEach((i, n) => uris.set(i.device, answers[n]));
  }
  const header = results[0]?.[0];
  return {
    chainId: Number(header?.chainId ?? 0n),
    blockNumber: results.reduce((min, [h]) => (h.blockNumber < min ? h.blockNumber : min), header?.blockNumber ?? 0n),
    total: total ?? Number(header?.total ?? 0n),
    items: items.map((i) => toView(i, documentUriOf(i, i.documentURIState === URI_STATE.ok ? i.documentURI : uris.get(i.device), withUris))),
  };
}

/** One device's documentURI, read from the registry (a plain call: no EIP-170 cap on its size). */
export function readDocumentURI(client: Pick<PublicClient, "readContract">, registry: Address, device: Address): Promise<string> {
  return client.readContract({ address: registry, abi: ioIDRegistryAbi, functionName: "documentURI", args: [device] });
}

function chunks<T>(list: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += LENS_CHUNK) out.push(list.slice(i, i + LENS_CHUNK));
  return out.length ? out : [[]];
}

export interface OwnedPageRequest extends LensOptions {
  registry: Address;
  owner: Address;
  offset: number;
  limit: number;
}

/** `limit` of the owner's ioIDs from `offset` (ERC-721 Enumerable order) with the total: one round trip. */
export async function readOwnedDevicesPage(client: LensClient, r: OwnedPageRequest): Promise<DevicesPage> {
  const { registry, owner, offset, limit, uriCap = LIST_URI_CAP } = r;
  const budget = (rows: number) => budgetFor(rows, r);
  const offsets: number[] = [];
  for (let at = offset; at < offset + Math.max(limit, 1); at += LENS_CHUNK) offsets.push(at);
  const results = await lensOrPlain(
    client,
    () =>
      Promise.all(
        offsets.map((at) => {
          const rows = Math.min(LENS_CHUNK, offset + limit - at);
          return client.readContract({ ...lens, functionName: "ownedBy", args: [registry, owner, BigInt(at), BigInt(rows), BigInt(uriCap), budget(rows)] });
        }),
      ),
    async () => [await ownedByStepwise(client, { ...stepwiseOptions(r, uriCap), owner, offset, limit })],
  );
  return toPage(client, registry, results, r);
}

/**
 * The whole list: the first page, then everything else in one more round trip. `max` bounds what a single view
 * loads; owners beyond it page on demand.
 */
export async function readAllOwnedDevices(
  client: LensClient,
  r: Omit<OwnedPageRequest, "offset" | "limit"> & { max?: number; firstPage?: number },
): Promise<{ total: number; items: DeviceView[] }> {
  const first = await readOwnedDevicesPage(client, { ...r, offset: 0, limit: r.firstPage ?? DEVICE_PAGE_SIZE });
  const wanted = Math.min(first.total, r.max ?? 5_000);
  const rest = wanted > first.items.length ? (await readOwnedDevicesPage(client, { ...r, offset: first.items.length, limit: wanted - first.items.length })).items : [];
  return { total: first.total, items: [...first.items, ...rest] };
}

export async function readDevicesByIds(client: LensClient, r: LensOptions & { registry: Address; ids: readonly bigint[] }): Promise<DevicesPage> {
  const results = await lensOrPlain(
    client,
    () => Promise.all(chunks(r.ids).map((ids) => lensByIds(client, r.registry, ids, r))),
    async () => [await byIdsStepwise(client, { ...stepwiseOptions(r, r.uriCap ?? DETAIL_URI_CAP), ids: r.ids })],
  );
  return toPage(client, r.registry, results, r, r.ids.length);
}

export async function readDevicesByAddresses(client: LensClient, r: LensOptions & { registry: Address; devices: readonly Address[] }): Promise<DevicesPage> {
  const uriCap = r.uriCap ?? DETAIL_URI_CAP;
  const results = await lensOrPlain(
    client,
    () =>
      Promise.all(
        chunks(r.devices).map((devices) =>
          client.readContract({ ...lens, functionName: "byDevices", args: [r.registry, devices, BigInt(uriCap), budgetFor(devices.length, r)] }),
        ),
      ),
    async () => [await byDevicesStepwise(client, { ...stepwiseOptions(r, uriCap), devices: r.devices })],
  );
  return toPage(client, r.registry, results, r, r.devices.length);
}

// ---------------------------------------------------------------------------
// Logs: which device-NFT token a wallet holds (collections that are not Enumerable) and the registration tx.

const transferEvent = parseAbiItem("event Transfer(address indexed from, address indexed to, uint256 indexed tokenId)");
const newDeviceEvent = parseAbiItem("event NewDevice(address indexed device, address owner, bytes32 hash, string uri)");

export type LogsClient = Pick<PublicClient, "getLogs">;

/**
 * Device-NFT tokens each wallet holds now, from Transfer logs in and out of the wallets (two filters, one
 * batched round trip). `fromBlock` is ChainConfig.logsFromBlock: nodes limit log ranges.
 */
export async function readHeldDeviceNFTs(
  client: LensClient & LogsClient,
  r: { contracts: readonly Address[]; wallets: readonly Address[]; fromBlock: bigint },
): Promise<Map<Address, { contract: Address; tokenId: bigint }[]>> {
  const held = new Map<Address, { contract: Address; tokenId: bigint }[]>();
  if (r.contracts.length === 0 || r.wallets.length === 0) return held;
  const base = { address: [...new Set(r.contracts)], event: transferEvent, fromBlock: r.fromBlock, toBlock: "latest" as const };
  const [incoming, outgoing] = await Promise.all([
    client.getLogs({ ...base, args: { to: [...r.wallets] } }),
    client.getLogs({ ...base, args: { from: [...r.wallets] } }),
  ]);
  // Replay in chain order: a token that left the wallet later is not held any more.
  const events = [
    ...incoming.map((log) => ({ log, wallet: log.args.to!, delta: 1 })),
    ...outgoing.map((log) => ({ log, wallet: log.args.from!, delta: -1 })),
  ].sort((a, b) => Number((a.log.blockNumber ?? 0n) - (b.log.blockNumber ?? 0n)) || (a.log.logIndex ?? 0) - (b.log.logIndex ?? 0));
  const key = (contract: Address, tokenId: bigint) => `${contract.toLowerCase()}:${tokenId}`;
  const state = new Map<string, { wallet: Address; contract: Address; tokenId: bigint; count: number }>();
  for (const { log, wallet, delta } of events) {
    const k = `${wallet.toLowerCase()}|${key(log.address, log.args.tokenId!)}`;
    const entry = state.get(k) ?? { wallet, contract: log.address, tokenId: log.args.tokenId!, count: 0 };
    entry.count += delta;
    state.set(k, entry);
  }
  const byLower = new Map(r.wallets.map((w) => [w.toLowerCase(), w]));
  for (const entry of state.values()) {
    if (entry.count <= 0) continue;
    const wallet = byLower.get(entry.wallet.toLowerCase()) ?? entry.wallet;
    held.set(wallet, [...(held.get(wallet) ?? []), { contract: entry.contract, tokenId: entry.tokenId }]);
  }
  return held;
}

export interface Registration {
  transactionHash: Hash;
  blockNumber: bigint;
  owner: Address;
}

/** The device's latest NewDevice event (a device registered, removed and registered again has several). */
export async function readRegistration(
  client: LogsClient,
  r: { registry: Address; device: Address; fromBlock: bigint },
): Promise<Registration | undefined> {
  const logs = await client.getLogs({
    address: r.registry,
    event: newDeviceEvent,
    args: { device: r.device },
    fromBlock: r.fromBlock,
    toBlock: "latest",
  });
  const last = logs.at(-1);
  if (!last || last.transactionHash === null || last.blockNumber === null) return undefined;
  return { transactionHash: last.transactionHash, blockNumber: last.blockNumber, owner: last.args.owner! };
}

/**
 * Coalesces device lookups made within one timer tick into one set of byDevices eth_calls, so a resolver under
 * load costs the node a few calls per tick instead of one per request. Every lookup still reads the chain:
 * nothing is cached here.
 */
export function createBatchedDeviceReader(
  client: LensClient,
  { registry, ...options }: LensOptions & { registry: Address },
): (device: Address) => Promise<DeviceView & { blockNumber: bigint }> {
  type Waiter = { resolve: (v: DeviceView & { blockNumber: bigint }) => void; reject: (e: unknown) => void };
  type Group = { device: Address; waiters: Waiter[] };
  let pending = new Map<string, Group>();
  let scheduled = false;

  const read = (groups: Group[]): Promise<void> =>
    readDevicesByAddresses(client, { ...options, registry, devices: groups.map((g) => g.device) }).then(
      (page) => groups.forEach((g, j) => g.waiters.forEach((w) => w.resolve({ ...page.items[j]!, blockNumber: page.blockNumber }))),
      // One device whose record the node cannot serve must not fail the others: retry them one by one.
      (error: unknown) => (groups.length > 1 ? void Promise.all(groups.map((g) => read([g]))) : groups[0]!.waiters.forEach((w) => w.reject(error))),
    );

  return (device) =>
    new Promise((resolve, reject) => {
      const key = device.toLowerCase();
      const group = pending.get(key) ?? { device, waiters: [] };
      group.waiters.push({ resolve, reject });
      pending.set(key, group);
      if (!scheduled) {
        scheduled = true;
        setTimeout(() => {
          scheduled = false;
          const batch = [...pending.values()];
          pending = new Map();
          void read(batch);
        }, 0);
      }
    });
}

/**
 * Serves a record again while the chain head has not moved: state only changes with a new block, so a record
 * read since the current head appeared is exactly what a fresh read would return. The head is asked once per
 * timer tick for all lookups in it (no EVM work), which under load replaces most lens calls. It is compared by
 * hash, not number: a reorg (or a devnet's snapshot revert) can reach the same height with other state.
 */
export function createHeadCachedReader<V>(
  client: Pick<PublicClient, "getBlock">,
  read: (device: Address) => Promise<V>,
  { maxEntries = 10_000 }: { maxEntries?: number } = {},
): (device: Address) => Promise<V> {
  const records = new Map<string, { head: Hex; value: V }>();
  let head: Promise<Hex> | undefined;
  const currentHead = () => {
    if (!head) {
      head = client.getBlock({ blockTag: "latest" }).then((b) => b.hash);
      const clear = () => setTimeout(() => (head = undefined), 0);
      head.then(clear, clear);
    }
    return head;
  };
  return async (device) => {
    const key = device.toLowerCase();
    const at = await currentHead();
    const known = records.get(key);
    if (known?.head === at) return known.value;
    // Tagged with the head seen before reading: if a block lands meanwhile, the tag is older and the next lookup reads again.
    const value = await read(device);
    records.delete(key);
    records.set(key, { head: at, value });
    if (records.size > maxEntries) records.delete(records.keys().next().value!);
    return value;
  };
}
