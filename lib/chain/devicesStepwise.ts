import { getAddress, hexToString, size, slice, zeroAddress, zeroHash, type Address, type Hex } from "viem";
import { addressInDid } from "../did/did";
import { enumerableDeviceNFTAbi, ioIDAbi, ioIDRegistryAbi, ioIDStoreAbi } from "./abi";
import { URI_STATE, type LensClient, type LensResult, type LensRow } from "./lensRows";
import { balanceRead, blockNumberRead, chainIdRead, contractRead, StagedReads } from "./stagedReads";

// DevicesLens (contracts/DevicesLens.sol) as plain eth_calls, for nodes that refuse a deployless call (no `to`).
// The lens follows each chain of dependent reads inside one call; here every link costs a stage (stagedReads.ts):
//   suite (ioID, store) → the owner's token ids → each token's owner, wallet and DID → the device's record and
//   project id → the project's name and device-NFT contract → the NFT the wallet holds.
// Reads needed later ride along with the earliest stage that knows their inputs, so ownedBy takes six stages,
// byIds five and byDevices four.
//
// The rows are described by code that follows the lens line by line, so the two paths cannot drift apart in what
// a field means.

/** DevicesLens.PROJECT_NAME_MAX: names are cut after this many bytes. */
const PROJECT_NAME_MAX = 96;

/**
 * Two string getters read as `bytes`, which ABI-encode alike: the lens measures and cuts them in bytes, and a cut
 * can split a character.
 */
const asBytesAbi = [
  { type: "function", name: "documentURI", stateMutability: "view", inputs: [{ name: "device", type: "address" }], outputs: [{ name: "", type: "bytes" }] },
  { type: "function", name: "name", stateMutability: "view", inputs: [{ name: "projectId", type: "uint256" }], outputs: [{ name: "", type: "bytes" }] },
] as const;

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

const projectRead = (store: Address) => contractRead(store, ioIDStoreAbi, "project", []);

/** The page's header and the lens's suite lookups, around the rows `describe` gives. */
function settle(client: LensClient, o: StepwiseOptions, describe: (q: StagedReads, suite: () => Suite) => { total: bigint; items: LensRow[] }): Promise<LensResult> {
  const q = new StagedReads(client, o);
  const header = [chainIdRead(), blockNumberRead(), contractRead(o.registry, ioIDRegistryAbi, "ioID", []), contractRead(o.registry, ioIDRegistryAbi, "ioIDStore", [])] as const;
  return q.run(() => {
    q.prefetch(header);
    const suite = (): Suite => {
      const [, , ioID, store] = q.required(header);
      // Needed for project names only, three stages on; asked for now, it costs no stage of its own.
      q.prefetch([projectRead(store)]);
      return { registry: o.registry, ioID, store, uriCap: BigInt(o.uriCap), withUris: o.withUris };
    };
    const { total, items } = describe(q, suite);
    const [chainId, blockNumber, , store] = q.required(header);
    // The lens's suite lookups are not guarded: without them its call fails, whatever the rows needed.
    q.required([projectRead(store)]);
    return [{ chainId, blockNumber, total }, items] as const;
  });
}

/** The device wallet's balance is asked for with the next stage and read last, so it adds no stage. */
function byId(q: StagedReads, s: Suite, id: bigint): LensRow {
  const v = { ...emptyRow(), id };
  const [owner, wallet] = q.get([contractRead(s.ioID, ioIDAbi, "ownerOf", [id]), contractRead(s.ioID, ioIDAbi, "wallet", [id])]);
  v.owner = owner ?? zeroAddress;
  if (wallet) [v.wallet, v.device] = [wallet[0], deviceOfDid(wallet[1])];
  const balance = v.wallet === zeroAddress ? undefined : balanceRead(v.wallet);
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
    contractRead(registry, ioIDRegistryAbi, "nonces", [device]),
    contractRead(registry, ioIDRegistryAbi, "exists", [device]),
    // Asked with `exists` rather than after it: an unregistered device's answers are dropped, as the lens never asks.
    contractRead(registry, ioIDRegistryAbi, "documentHash", [device]),
    contractRead(registry, asBytesAbi, "documentURI", [device]),
  ] as const;

function fillDevice(q: StagedReads, s: Suite, v: LensRow): void {
  const [nonce, registered, documentHash, uri, projectId] = q.get([...recordReads(s.registry, v.device), contractRead(s.ioID, ioIDAbi, "deviceProject", [v.device])]);
  v.nonce = nonce ?? 0n;
  v.registered = registered ?? false;
  if (!v.registered) return;
  v.documentHash = documentHash ?? zeroHash;
  Object.assign(v, uriFields(uri, s));
  v.projectId = projectId ?? 0n;
  if (v.projectId === 0n) return;
  const [project] = q.required([projectRead(s.store)]);
  const [name, nft] = q.get([contractRead(project, asBytesAbi, "name", [v.projectId]), contractRead(s.store, ioIDStoreAbi, "projectDeviceContract", [v.projectId])]);
  v.projectName = name ? hexToString(size(name) > PROJECT_NAME_MAX ? slice(name, 0, PROJECT_NAME_MAX) : name) : "";
  v.deviceNFT = nft ?? zeroAddress;
  if (v.deviceNFT === zeroAddress || v.wallet === zeroAddress) return;
  // The first token is asked with the balance: it counts only when the balance is not 0, as in the lens.
  const [held, tokenId] = q.get([
    contractRead(v.deviceNFT, enumerableDeviceNFTAbi, "balanceOf", [v.wallet]),
    contractRead(v.deviceNFT, enumerableDeviceNFTAbi, "tokenOfOwnerByIndex", [v.wallet, 0n]),
  ]);
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
    const [balance, ...ids] = q.get([
      contractRead(s.ioID, ioIDAbi, "balanceOf", [o.owner]),
      ...indices.map((i) => contractRead(s.ioID, ioIDAbi, "tokenOfOwnerByIndex", [o.owner, i])),
    ]);
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
      const [id] = q.get([contractRead(o.registry, ioIDRegistryAbi, "deviceTokenId", [device])]);
      const s = suite();
      q.prefetch([contractRead(s.ioID, ioIDAbi, "deviceProject", [device])]);
      if (id) return byId(q, s, id);
      // Never registered, or removed (the registry forgets the token id): the device alone.
      const v = { ...emptyRow(), device: getAddress(device) };
      fillDevice(q, s, v);
      return v;
    }),
  }));
}
