import { zeroAddress, type Address, type Hex, type PublicClient } from "viem";
import { formatDid, type IoDid } from "../did/did";
import { devicesLensAbi, devicesLensBytecode, ioIDRegistryAbi } from "./abi";
import { lensOrPlain } from "./deployless";
import { byDevicesStepwise, byIdsStepwise, ownedByStepwise, type StepwiseOptions } from "./devicesStepwise";
import { URI_STATE, type LensClient, type LensResult, type LensRow } from "./lensRows";

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

export interface LensOptions {
  uriCap?: number;
  /** false: leave every URI unread (state "deferred"), for callers that need it only sometimes. */
  withUris?: boolean;
  /** Where the chain has Multicall3, URIs too long to inline, and the stepwise reads, go through it (else in parallel). */
  multicall3?: Address | undefined;
}

const lens = { abi: devicesLensAbi, code: devicesLensBytecode } as const;

function lensByIds(client: LensClient, registry: Address, ids: readonly bigint[], options: LensOptions): Promise<LensResult> {
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

function documentUriOf(item: LensRow, uri: string | undefined, withUris: boolean): DocumentUri {
  const length = Number(item.documentURILength);
  if (!item.registered) return { state: "none" };
  if (item.documentURIState === URI_STATE.overCap) return { state: "over-cap", length };
  if (item.documentURIState === URI_STATE.deferred && !withUris) return { state: "deferred", length };
  return uri === undefined ? { state: "unreadable" } : { state: "ok", uri };
}

function toView(item: LensRow, documentURI: DocumentUri): DeviceView {
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
