// Which device NFTs an owner holds, on any chain, without the owner naming a collection. Collections come from the
// store's SetDeviceContract events (plus configured ones); holdings from balanceOf, token ids from
// tokenOfOwnerByIndex where a collection is ERC-721 Enumerable, else from Transfer logs to the owner (read once
// for all collections: the scan does not depend on which collections exist, so its cursor never needs resetting).
//
// Round trips (batching transport): cold 4 — [both log scans] [balances, ERC-165, candidates' ownerOf/used]
// [tokenOfOwnerByIndex, project names] [used marks of enumerated tokens]; warm 1 — both scans from their cursors
// and the re-check of the last answer in the same request, more only for what the new blocks brought.
import { getAddress, parseAbiItem, type Address, type PublicClient } from "viem";
import { enumerableDeviceNFTAbi, ioIDRegistryAbi, ioIDStoreAbi, projectAbi } from "../abi";
import { cursorKey, scanLogs, scanSince, type CursorStore } from "../logScan";
import { readMany, type AnyRead } from "../readMany";
import { arrivalsCodec, boundCollectionsCodec, readSnapshot, tokenKey, writeSnapshot, type Arrivals, type BoundCollections, type Snapshot } from "./memory";
import type { DeviceNFTGroup, OwnedDeviceNFT, OwnerNFTDiscovery } from "./types";

const setDeviceContract = parseAbiItem("event SetDeviceContract(uint256 indexed projectId, address indexed deviceContract)");
const transfer = parseAbiItem("event Transfer(address indexed from, address indexed to, uint256 indexed tokenId)");
/** ERC-165 id of ERC721Enumerable. */
const ENUMERABLE = "0x780e9d63";

export type DiscoveryClient = Pick<PublicClient, "getBlockNumber" | "getLogs" | "multicall" | "readContract">;

export interface DiscoveryOptions {
  chainId: number;
  owner: Address;
  contracts: { ioIDStore: Address; ioIDRegistry: Address; project: Address };
  multicall3: Address | undefined;
  /** Collections to inspect even when no SetDeviceContract event names them (ChainConfig.deviceNFTs). */
  configured: readonly Address[];
  /** Where log scans start (ChainConfig.logsFromBlock). */
  startBlock: bigint;
  /** Cursors and the last answer; localStorage in the browser, nothing in a one-off read. */
  store?: CursorStore;
}

interface Token {
  contract: Address;
  tokenId: bigint;
}

export async function discoverOwnerNFTs(client: DiscoveryClient, o: DiscoveryOptions): Promise<OwnerNFTDiscovery> {
  const read = (reads: readonly AnyRead[]) => readMany(client, o.multicall3, reads);
  const erc721 = (address: Address) => ({ address, abi: enumerableDeviceNFTAbi }) as const;
  const ownerOf = (t: Token) => ({ ...erc721(t.contract), functionName: "ownerOf", args: [t.tokenId] }) as const;
  const used = (t: Token) => ({ address: o.contracts.ioIDRegistry, abi: ioIDRegistryAbi, functionName: "registeredNFT", args: [t.contract, t.tokenId] }) as const;
  const balanceOf = (c: Address) => ({ ...erc721(c), functionName: "balanceOf", args: [o.owner] }) as const;
  const nameOf = (projectId: bigint) => ({ address: o.contracts.project, abi: projectAbi, functionName: "name", args: [projectId] }) as const;

  const snapshotKey = cursorKey(o.chainId, "owner-nfts-held", o.owner);
  const snapshot = readSnapshot(o.store, snapshotKey);
  const known = snapshot?.tokens ?? [];
  const knownHolding = [...new Set(known.map((t) => t.contract))];

  // Round 1: both scans, and the re-check of the last answer, in one request.
  const [bound, arrivals, recheck] = await Promise.all([
    scanSince<{ blockNumber: bigint | null; logIndex: number | null; args: { projectId: bigint; deviceContract: Address } }, BoundCollections>({
      store: o.store,
      key: cursorKey(o.chainId, "device-collections", o.contracts.ioIDStore),
      startBlock: o.startBlock,
      initial: new Map(),
      codec: boundCollectionsCodec,
      fold: (data, logs) => new Map([...data, ...logs.map((log) => [getAddress(log.args.deviceContract), log.args.projectId] as const)]),
      scan: (from) =>
        scanLogs(client, (range) => client.getLogs({ address: o.contracts.ioIDStore, event: setDeviceContract, strict: true, ...range }), from),
    }),
    scanSince<{ blockNumber: bigint | null; logIndex: number | null; address: Address; args: { tokenId: bigint } }, Arrivals>({
      store: o.store,
      key: cursorKey(o.chainId, "nft-arrivals", o.owner),
      startBlock: o.startBlock,
      initial: new Map(),
      codec: arrivalsCodec,
      fold(data, logs) {
        const next: Arrivals = new Map(data);
        for (const log of logs) {
          // Nodes send log addresses in lower case; everything else here is checksummed.
          const token = { contract: getAddress(log.address), tokenId: log.args.tokenId, block: log.blockNumber ?? 0n };
          next.set(tokenKey(token.contract, token.tokenId), token);
        }
        return next;
      },
      // No address: every ERC-721 sent to the owner, whatever the collection (strict drops ERC-20 Transfers).
      scan: (from) => scanLogs(client, (range) => client.getLogs({ event: transfer, args: { to: o.owner }, strict: true, ...range }), from),
    }),
    read([...known.flatMap((t) => [ownerOf(t), used(t)]), ...knownHolding.flatMap((c) => [balanceOf(c), nameOf(snapshot!.collections.get(c)!.projectId)])]),
  ]);
  const blockNumber = bound.toBlock < arrivals.toBlock ? bound.toBlock : arrivals.toBlock;

  const collections: Snapshot["collections"] = new Map(snapshot?.collections);
  const held = new Map<string, OwnedDeviceNFT>();
  const balances = new Map<Address, bigint>();
  const names = new Map<Address, string | undefined>();
  const isOwner = (answer: unknown) => typeof answer === "string" && answer.toLowerCase() === o.owner.toLowerCase();
  known.forEach((t, i) => {
    if (isOwner(recheck[2 * i])) held.set(tokenKey(t.contract, t.tokenId), { ...t, used: recheck[2 * i + 1] === true });
  });
  knownHolding.forEach((c, i) => {
    const at = 2 * known.length + 2 * i;
    if (typeof recheck[at] === "bigint") balances.set(c, recheck[at] as bigint);
    names.set(c, typeof recheck[at + 1] === "string" && recheck[at + 1] ? (recheck[at + 1] as string) : undefined);
  });

  // What the new blocks (or a first visit) brought: collections never inspected, tokens that arrived since.
  const fresh = [...new Set([...bound.data.keys(), ...o.configured])].filter((c) => !collections.has(c));
  const freshSet = new Set(fresh);
  const since = snapshot?.blockNumber ?? -1n;
  const isCollection = (c: Address) => freshSet.has(c) || collections.has(c);
  const candidates = [...arrivals.data.values()].filter(
    (a) => isCollection(a.contract) && (a.block > since || freshSet.has(a.contract)) && !held.has(tokenKey(a.contract, a.tokenId)),
  );
  if (fresh.length > 0 || candidates.length > 0) {
    await inspect(fresh, candidates);
  }

  async function inspect(fresh: Address[], candidates: Token[]): Promise<void> {
    const unbound = fresh.filter((c) => !bound.data.has(c));
    // Round 2: what each new collection is and holds, and whether each new candidate is still the owner's.
    const answers = await read([
      ...fresh.flatMap((c) => [balanceOf(c), { ...erc721(c), functionName: "supportsInterface", args: [ENUMERABLE] } as const]),
      ...unbound.map((c) => ({ address: o.contracts.ioIDStore, abi: ioIDStoreAbi, functionName: "deviceContractProject", args: [c] }) as const),
      ...candidates.flatMap((t) => [ownerOf(t), used(t)]),
    ]);
    fresh.forEach((c, i) => {
      const projectId = bound.data.get(c) ?? (answers[2 * fresh.length + unbound.indexOf(c)] as bigint | undefined) ?? 0n;
      collections.set(c, { projectId, enumerable: answers[2 * i + 1] === true });
      if (typeof answers[2 * i] === "bigint") balances.set(c, answers[2 * i] as bigint);
    });
    const base = 2 * fresh.length + unbound.length;
    candidates.forEach((t, i) => {
      if (isOwner(answers[base + 2 * i])) held.set(tokenKey(t.contract, t.tokenId), { contract: t.contract, tokenId: t.tokenId, used: answers[base + 2 * i + 1] === true });
    });

    // Round 3: enumerate what enumerable collections hold; name every project the owner holds something of.
    const enumerate = fresh.filter((c) => collections.get(c)!.enumerable && collections.get(c)!.projectId > 0n);
    const indexes = enumerate.flatMap((c) => Array.from({ length: Number(balances.get(c) ?? 0n) }, (_, i) => ({ contract: c, index: BigInt(i) })));
    const unnamed = () => [...new Set([...held.values()].map((t) => t.contract))].filter((c) => !names.has(c));
    const holding = fresh.filter((c) => collections.get(c)!.projectId > 0n && (balances.get(c) ?? 0n) > 0n);
    const toName = [...new Set([...unnamed(), ...holding])];
    const listed = await read([
      ...indexes.map((x) => ({ ...erc721(x.contract), functionName: "tokenOfOwnerByIndex", args: [o.owner, x.index] }) as const),
      ...toName.map((c) => nameOf(collections.get(c)!.projectId)),
    ]);
    toName.forEach((c, i) => names.set(c, typeof listed[indexes.length + i] === "string" && listed[indexes.length + i] ? (listed[indexes.length + i] as string) : undefined));
    const enumerated = indexes
      .map((x, i) => ({ contract: x.contract, tokenId: listed[i] }))
      .filter((t): t is Token => typeof t.tokenId === "bigint" && !held.has(tokenKey(t.contract, t.tokenId)));

    // Round 4: which enumerated tokens already served an ioID.
    const marks = await read(enumerated.map(used));
    enumerated.forEach((t, i) => held.set(tokenKey(t.contract, t.tokenId), { ...t, used: marks[i] === true }));
  }

  writeSnapshot(o.store, snapshotKey, { blockNumber, collections, tokens: [...held.values()].map(({ contract, tokenId }) => ({ contract, tokenId })) });
  return { blockNumber, groups: group(held, collections, balances, names) };
}

function group(
  held: Map<string, OwnedDeviceNFT>,
  collections: Snapshot["collections"],
  balances: Map<Address, bigint>,
  names: Map<Address, string | undefined>,
): DeviceNFTGroup[] {
  const byContract = new Map<Address, OwnedDeviceNFT[]>();
  for (const token of held.values()) byContract.set(token.contract, [...(byContract.get(token.contract) ?? []), token]);
  const groups: DeviceNFTGroup[] = [];
  for (const [contract, info] of collections) {
    const tokens = (byContract.get(contract) ?? []).sort((a, b) => (a.tokenId < b.tokenId ? -1 : 1));
    const balance = balances.get(contract);
    const unlisted = balance === undefined ? 0 : Math.max(0, Number(balance) - tokens.length);
    // A collection bound to no project cannot register anything: not offered.
    if (info.projectId === 0n || tokens.length + unlisted === 0) continue;
    groups.push({ contract, projectId: info.projectId, projectName: names.get(contract), enumerable: info.enumerable, tokens, unlisted });
  }
  return groups.sort((a, b) => (a.projectId < b.projectId ? -1 : 1));
}
