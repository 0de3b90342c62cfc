import {
  getAddress,
  hexToString,
  parseAbi,
  size,
  slice,
  zeroAddress,
  zeroHash,
  type Address,
  type Hex,
} from "viem";
import { addressInDid } from "../did/did";
import { multicall3Abi } from "./abi";
import { unanswered } from "./deployless";
import { URI_STATE, type LensClient, type LensResult, type LensRow } from "./lensRows";

// DevicesLens (contracts/DevicesLens.sol) as plain eth_calls, for nodes that refuse a deployless call (no `to`).
// The lens follows each chain of dependent reads inside one call; here every link costs a stage:
//   suite (ioID, store) → the owner's token ids → each token's owner, wallet and DID → the device's record and
//   project id → the project's name and device-NFT contract → the NFT the wallet holds.
// A stage's reads go out together: through Multicall3 where the chain has it (viem cuts a large stage into
// parallel aggregate3 calls), else as parallel calls; either way a batching transport sends a stage as one HTTP
// request. Reads needed later ride along with the earliest stage that knows their inputs, so ownedBy takes six
// stages, byIds five and byDevices four.
//
// The rows are described by code that follows the lens line by line, re-run once per stage until every read
// it asks for has an answer (Stages below), so the two paths cannot drift apart in what a field means.

/** DevicesLens.PROJECT_NAME_MAX: names are cut after this many bytes. */
const PROJECT_NAME_MAX = 96;

/** The lens's interfaces, as far as it calls them. */
const lensAbi = parseAbi([
  "function ioID() view returns (address)",
  "function ioIDStore() view returns (address)",
  "function project() view returns (address)",
  "function deviceTokenId(address device) view returns (uint256)",
  "function nonces(address device) view returns (uint256)",
  "function exists(address device) view returns (bool)",
  "function documentHash(address device) view returns (bytes32)",
  // `bytes`, which ABI-encodes like `string`: the lens measures and cuts in bytes, and a cut can split a character.
  "function documentURI(address device) view returns (bytes)",
  "function name(uint256 projectId) view returns (bytes)",
  "function deviceProject(address device) view returns (uint256)",
  "function projectDeviceContract(uint256 projectId) view returns (address)",
  "function balanceOf(address owner) view returns (uint256)",
  "function tokenOfOwnerByIndex(address owner, uint256 index) view returns (uint256)",
  "function ownerOf(uint256 tokenId) view returns (address)",
  "function wallet(uint256 id) view returns (address wallet, string did)",
]);

type LensFunction = (typeof lensAbi)[number]["name"];
/** What the lens reads from the EVM itself: Multicall3's getters where it exists, RPC methods otherwise. */
type NodeFunction = "getEthBalance" | "getChainId" | "getBlockNumber";

/** One read: a call of the lens's interfaces at `to`, or a node fact (`to` undefined). `T` types the answer. */
interface Read<T> {
  to: Address | undefined;
  fn: LensFunction | NodeFunction;
  args: readonly unknown[];
  answer?: T;
}
type AnyRead = Read<unknown> | undefined;

const call = <T>(to: Address, fn: LensFunction, ...args: unknown[]): Read<T> => ({ to, fn, args });
const fromNode = <T>(fn: NodeFunction, ...args: unknown[]): Read<T> => ({ to: undefined, fn, args });
const keyOf = (r: Read<unknown>) => `${r.to ?? "node"}.${r.fn}(${r.args.join(",")})`.toLowerCase();

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

function executor(client: LensClient, multicall3: Address | undefined): (reads: Read<unknown>[]) => Promise<Outcome[]> {
  if (multicall3) {
    return async (reads) => {
      const contracts = reads.map((r) => ({ address: r.to ?? multicall3, abi: r.to ? lensAbi : multicall3Abi, functionName: r.fn, args: r.args }));
      const answers: readonly ({ status: "success"; result: unknown } | { status: "failure"; error: unknown })[] = await client.multicall({
        contracts: contracts as never,
        allowFailure: true,
        multicallAddress: multicall3,
      });
      return answers.map((a) => (a.status === "success" ? { ok: true, value: a.result } : { ok: false, error: a.error }));
    };
  }
  const answer = (r: Read<unknown>): Promise<unknown> => {
    if (r.to) return client.readContract({ address: r.to, abi: lensAbi, functionName: r.fn, args: r.args } as never);
    if (r.fn === "getEthBalance") return client.getBalance({ address: r.args[0] as Address });
    if (r.fn === "getChainId") return client.getChainId().then(BigInt);
    // viem would serve a block number up to a polling interval old; the header says when the rows were read.
    return client.getBlockNumber({ cacheTime: 0 });
  };
  return (reads) => Promise.all(reads.map((r) => answer(r).then((value): Outcome => ({ ok: true, value }), (error: unknown): Outcome => ({ ok: false, error }))));
}

const PENDING = Symbol("needs an answer from the next stage");
type Answers<R extends readonly AnyRead[]> = { [K in keyof R]: R[K] extends Read<infer T> ? T | undefined : undefined };
type Answered<R extends readonly AnyRead[]> = { [K in keyof R]: R[K] extends Read<infer T> ? T : never };

/**
 * Runs a description of the result again after each stage. Asking for reads that have no answer yet notes
 * them for the next stage and throws PENDING, which `each` holds back until every item has said what it needs.
 */
class Stages {
  private readonly known = new Map<string, Outcome>();
  private wanted = new Map<string, Read<unknown>>();

  constructor(private readonly execute: (reads: Read<unknown>[]) => Promise<Outcome[]>) {}

  /** Notes what has no answer yet; true when everything has one. */
  prefetch(reads: readonly AnyRead[]): boolean {
    let answered = true;
    for (const r of reads) {
      if (!r || this.known.has(keyOf(r))) continue;
      this.wanted.set(keyOf(r), r);
      answered = false;
    }
    return answered;
  }

  /** The answers; undefined where the contract reverted or returned nothing usable, as the lens's try/catch. */
  get<const R extends readonly AnyRead[]>(reads: R): Answers<R> {
    if (!this.prefetch(reads)) throw PENDING;
    return reads.map((r) => {
      const o = r && this.known.get(keyOf(r));
      return o?.ok ? o.value : undefined;
    }) as Answers<R>;
  }

  /** Reads the lens does not guard either: a failure fails the page. */
  required<const R extends readonly Read<unknown>[]>(reads: R): Answered<R> {
    if (!this.prefetch(reads)) throw PENDING;
    return reads.map((r) => {
      const o = this.known.get(keyOf(r))!;
      if (!o.ok) throw o.error;
      return o.value;
    }) as Answered<R>;
  }

  each<T, U>(items: readonly T[], describe: (item: T) => U): U[] {
    let pending = false;
    const out = items.map((item) => {
      try {
        return describe(item);
      } catch (e) {
        if (e !== PENDING) throw e;
        pending = true;
        return undefined as U;
      }
    });
    if (pending) throw PENDING;
    return out;
  }

  async run<T>(describe: () => T): Promise<T> {
    for (;;) {
      try {
        return describe();
      } catch (e) {
        if (e !== PENDING) throw e;
      }
      const reads = [...this.wanted.values()];
      this.wanted = new Map();
      if (reads.length === 0) throw new Error("stepwise device read: pending with nothing to read");
      const outcomes = await this.execute(reads);
      reads.forEach((r, i) => {
        const o = outcomes[i]!;
        // A revert is a missing field, as the lens catches it per row; no answer fails the page, as it fails the lens.
        if (!o.ok && unanswered(o.error)) throw o.error;
        this.known.set(keyOf(r), o);
      });
    }
  }
}

interface Suite {
  registry: Address;
  ioID: Address;
  store: Address;
  uriCap: bigint;
  withUris: boolean;
}

export interface StepwiseOptions {
  registry: Address;
  uriCap: number;
  withUris: boolean;
  multicall3?: Address | undefined;
}

const emptyRow = (): LensRow => ({
  id: 0n,
  owner: zeroAddress,
  device: zeroAddress,
  wallet: zeroAddress,
  walletBalance: 0n,
  registered: false,
  nonce: 0n,
  documentHash: zeroHash,
  documentURI: "",
  documentURILength: 0n,
  documentURIState: URI_STATE.ok,
  projectId: 0n,
  projectName: "",
  deviceNFT: zeroAddress,
  deviceNFTBalance: 0n,
  deviceNFTTokenIdKnown: false,
  deviceNFTTokenId: 0n,
});

/** The page's header and the lens's suite lookups, around the rows `describe` gives. */
function settle(client: LensClient, o: StepwiseOptions, describe: (q: Stages, suite: () => Suite) => { total: bigint; items: LensRow[] }): Promise<LensResult> {
  const q = new Stages(executor(client, o.multicall3));
  const header = [fromNode<bigint>("getChainId"), fromNode<bigint>("getBlockNumber"), call<Address>(o.registry, "ioID"), call<Address>(o.registry, "ioIDStore")] as const;
  return q.run(() => {
    q.prefetch(header);
    const suite = (): Suite => {
      const [, , ioID, store] = q.required(header);
      // Needed for project names only, three stages on; asked for now, it costs no stage of its own.
      q.prefetch([call(store, "project")]);
      return { registry: o.registry, ioID, store, uriCap: BigInt(o.uriCap), withUris: o.withUris };
    };
    const { total, items } = describe(q, suite);
    const [chainId, blockNumber, , store] = q.required(header);
    // The lens's suite lookups are not guarded: without them its call fails, whatever the rows needed.
    q.required([call(store, "project")]);
    return [{ chainId, blockNumber, total }, items] as const;
  });
}

/** The device wallet's balance is asked for with the next stage and read last, so it adds no stage. */
function byId(q: Stages, s: Suite, id: bigint): LensRow {
  const v = { ...emptyRow(), id };
  const [owner, wallet] = q.get([call<Address>(s.ioID, "ownerOf", id), call<readonly [Address, string]>(s.ioID, "wallet", id)]);
  v.owner = owner ?? zeroAddress;
  if (wallet) [v.wallet, v.device] = [wallet[0], deviceOfDid(wallet[1])];
  const balance = v.wallet === zeroAddress ? undefined : fromNode<bigint>("getEthBalance", v.wallet);
  q.prefetch([balance]);
  if (v.device !== zeroAddress) fillDevice(q, s, v);
  if (balance) [v.walletBalance] = q.required([balance]);
  return v;
}

/** The lens's _parseDid: exactly "did:io:0x" and 40 hex digits of any case, else no device. */
const deviceOfDid = (did: string): Address => addressInDid(did) ?? zeroAddress;

/** The registry's record of a device: what byDevices can ask before it knows the suite. */
const recordReads = (registry: Address, device: Address) =>
  [
    call<bigint>(registry, "nonces", device),
    call<boolean>(registry, "exists", device),
    // Asked with `exists` rather than after it: an unregistered device's answers are dropped, as the lens never asks.
    call<Hex>(registry, "documentHash", device),
    call<Hex>(registry, "documentURI", device),
  ] as const;

function fillDevice(q: Stages, s: Suite, v: LensRow): void {
  const [nonce, registered, documentHash, uri, projectId] = q.get([...recordReads(s.registry, v.device), call<bigint>(s.ioID, "deviceProject", v.device)]);
  v.nonce = nonce ?? 0n;
  v.registered = registered ?? false;
  if (!v.registered) return;
  v.documentHash = documentHash ?? zeroHash;
  Object.assign(v, uriFields(uri, s));
  v.projectId = projectId ?? 0n;
  if (v.projectId === 0n) return;
  const [project] = q.required([call<Address>(s.store, "project")]);
  const [name, nft] = q.get([call<Hex>(project, "name", v.projectId), call<Address>(s.store, "projectDeviceContract", v.projectId)]);
  v.projectName = name ? hexToString(size(name) > PROJECT_NAME_MAX ? slice(name, 0, PROJECT_NAME_MAX) : name) : "";
  v.deviceNFT = nft ?? zeroAddress;
  if (v.deviceNFT === zeroAddress || v.wallet === zeroAddress) return;
  // The first token is asked with the balance: it counts only when the balance is not 0, as in the lens.
  const [held, tokenId] = q.get([call<bigint>(v.deviceNFT, "balanceOf", v.wallet), call<bigint>(v.deviceNFT, "tokenOfOwnerByIndex", v.wallet, 0n)]);
  v.deviceNFTBalance = held ?? 0n;
  if (v.deviceNFTBalance === 0n) return;
  v.deviceNFTTokenIdKnown = tokenId !== undefined;
  v.deviceNFTTokenId = tokenId ?? 0n;
}

/**
 * The lens's _readUri without the EIP-170 budget, which only decides what it returns inline (the rest is read
 * afterwards): a plain read has the whole URI. Without URIs (budget 0) every non-empty one is deferred there.
 * Unlike the lens, the read is not gas-bounded, so a URI far over the cap is over-cap here, not unreadable.
 */
function uriFields(uri: Hex | undefined, s: Suite): Pick<LensRow, "documentURI" | "documentURILength" | "documentURIState"> {
  if (uri === undefined) return { documentURI: "", documentURILength: 0n, documentURIState: URI_STATE.unreadable };
  const length = BigInt(size(uri));
  if (length > s.uriCap) return { documentURI: "", documentURILength: length, documentURIState: URI_STATE.overCap };
  if (!s.withUris && length > 0n) return { documentURI: "", documentURILength: length, documentURIState: URI_STATE.deferred };
  return { documentURI: hexToString(uri), documentURILength: length, documentURIState: URI_STATE.ok };
}

/** DevicesLens.ownedBy: the token ids are asked for with the balance (indices past it just revert). */
export function ownedByStepwise(client: LensClient, o: StepwiseOptions & { owner: Address; offset: number; limit: number }): Promise<LensResult> {
  return settle(client, o, (q, suite) => {
    const s = suite();
    const indices = Array.from({ length: Math.max(o.limit, 0) }, (_, i) => BigInt(o.offset + i));
    const [balance, ...ids] = q.get([call<bigint>(s.ioID, "balanceOf", o.owner), ...indices.map((i) => call<bigint>(s.ioID, "tokenOfOwnerByIndex", o.owner, i))]);
    const total = balance ?? 0n;
    const rows = ids.slice(0, Math.max(0, Math.min(o.offset + o.limit, Number(total)) - o.offset));
    return { total, items: q.each(rows, (id) => (id === undefined ? emptyRow() : byId(q, s, id))) };
  });
}

export function byIdsStepwise(client: LensClient, o: StepwiseOptions & { ids: readonly bigint[] }): Promise<LensResult> {
  return settle(client, o, (q, suite) => {
    const s = suite();
    return { total: BigInt(o.ids.length), items: q.each(o.ids, (id) => byId(q, s, id)) };
  });
}

/** DevicesLens.byDevices: the device's record is asked with its token id, and its project id once ioID is known. */
export function byDevicesStepwise(client: LensClient, o: StepwiseOptions & { devices: readonly Address[] }): Promise<LensResult> {
  return settle(client, o, (q, suite) => ({
    total: BigInt(o.devices.length),
    items: q.each(o.devices, (device) => {
      q.prefetch(recordReads(o.registry, device));
      const [id] = q.get([call<bigint>(o.registry, "deviceTokenId", device)]);
      const s = suite();
      q.prefetch([call(s.ioID, "deviceProject", device)]);
      if (id) return byId(q, s, id);
      // Never registered, or removed (the registry forgets the token id): the device alone.
      const v = { ...emptyRow(), device: getAddress(device) };
      fillDevice(q, s, v);
      return v;
    }),
  }));
}
