// What discovery keeps between visits, in the browser's cursor store: the two log scans' folded results (through
// logScan's cursors) and a snapshot of the last answer, so a second visit re-checks what it knows in one round trip
// and inspects only what the new blocks brought. Everything read back is validated: storage is a boundary.
import { getAddress, isAddress, type Address } from "viem";
import type { CursorCodec, CursorStore } from "../logScan";

/** Collections bound to a project by the store's SetDeviceContract events: address -> projectId. */
export type BoundCollections = Map<Address, bigint>;

/** ERC-721 tokens ever sent to the owner: "address:tokenId" -> the block it last arrived in. */
export type Arrivals = Map<string, { contract: Address; tokenId: bigint; block: bigint }>;

export interface Snapshot {
  blockNumber: bigint;
  /** Every collection inspected so far (holding or not) and whether it enumerates. */
  collections: Map<Address, { projectId: bigint; enumerable: boolean }>;
  /** Tokens the owner held at `blockNumber`. */
  tokens: { contract: Address; tokenId: bigint }[];
}

const uint = (value: unknown): bigint | undefined => (typeof value === "string" && /^\d{1,78}$/.test(value) ? BigInt(value) : undefined);
const addr = (value: unknown): Address | undefined => (typeof value === "string" && isAddress(value, { strict: false }) ? getAddress(value) : undefined);
const rows = (json: unknown): unknown[][] | undefined => (Array.isArray(json) && json.every(Array.isArray) ? (json as unknown[][]) : undefined);

export const tokenKey = (contract: Address, tokenId: bigint): string => `${contract.toLowerCase()}:${tokenId}`;

export const boundCollectionsCodec: CursorCodec<BoundCollections> = {
  encode: (data) => [...data].map(([contract, projectId]) => [contract, projectId.toString()]),
  decode(json) {
    const list = rows(json);
    if (!list) return undefined;
    const out: BoundCollections = new Map();
    for (const [a, p] of list) {
      const contract = addr(a);
      const projectId = uint(p);
      if (!contract || projectId === undefined) return undefined;
      out.set(contract, projectId);
    }
    return out;
  },
};

export const arrivalsCodec: CursorCodec<Arrivals> = {
  encode: (data) => [...data.values()].map((a) => [a.contract, a.tokenId.toString(), a.block.toString()]),
  decode(json) {
    const list = rows(json);
    if (!list) return undefined;
    const out: Arrivals = new Map();
    for (const [a, t, b] of list) {
      const contract = addr(a);
      const tokenId = uint(t);
      const block = uint(b);
      if (!contract || tokenId === undefined || block === undefined) return undefined;
      out.set(tokenKey(contract, tokenId), { contract, tokenId, block });
    }
    return out;
  },
};

export function readSnapshot(store: CursorStore | undefined, key: string): Snapshot | undefined {
  try {
    const raw = store?.getItem(key);
    if (!raw) return undefined;
    const json = JSON.parse(raw) as { v?: unknown; blockNumber?: unknown; collections?: unknown; tokens?: unknown };
    const blockNumber = uint(json.blockNumber);
    const collections = rows(json.collections);
    const tokens = rows(json.tokens);
    if (json.v !== 1 || blockNumber === undefined || !collections || !tokens) return undefined;
    const snapshot: Snapshot = { blockNumber, collections: new Map(), tokens: [] };
    for (const [a, p, e] of collections) {
      const contract = addr(a);
      const projectId = uint(p);
      if (!contract || projectId === undefined || typeof e !== "boolean") return undefined;
      snapshot.collections.set(contract, { projectId, enumerable: e });
    }
    for (const [a, t] of tokens) {
      const contract = addr(a);
      const tokenId = uint(t);
      if (!contract || tokenId === undefined) return undefined;
      snapshot.tokens.push({ contract, tokenId });
    }
    return snapshot;
  } catch {
    return undefined; // unreadable or disabled storage: discover from scratch
  }
}

export function writeSnapshot(store: CursorStore | undefined, key: string, snapshot: Snapshot): void {
  try {
    store?.setItem(
      key,
      JSON.stringify({
        v: 1,
        blockNumber: snapshot.blockNumber.toString(),
        collections: [...snapshot.collections].map(([contract, c]) => [contract, c.projectId.toString(), c.enumerable]),
        tokens: snapshot.tokens.map((t) => [t.contract, t.tokenId.toString()]),
      }),
    );
  } catch {
    // Quota or disabled storage: the next visit is a cold one, slower but right.
  }
}
