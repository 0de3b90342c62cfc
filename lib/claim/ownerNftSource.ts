import { isAddressEqual, type Address, type Client } from "viem";
import type { ChainConfig } from "../chain/config";
import type { CursorStore } from "../chain/logScan";
import type { DeviceNFTGroup, OwnerNFTDiscovery } from "../chain/ownerNfts/types";
import type * as Verifier from "./verifier";

const freshMs = 30_000;

interface Where {
  owner: Address | undefined;
  chain: ChainConfig | undefined;
  client: Client | undefined;
}

/**
 * The owner's device NFTs for the claim: discovered once per chain and account (never two scans from one cursor at
 * a time), kept 30 s, announced through `onChange` for the picker; and, for a collection discovery did not list
 * (pasted, or held from before the scanned blocks), the token ids its Transfer logs suggest.
 */
export function createOwnerNftSource(parts: { load: () => Promise<typeof Verifier>; clock: () => number; cursors: CursorStore | undefined; onChange: () => void }) {
  let found: { key: string; at: number; value: Promise<OwnerNFTDiscovery | undefined>; groups?: DeviceNFTGroup[] } | undefined;
  let candidates: { key: string; at: number; value: Promise<bigint[] | undefined> } | undefined;

  function discover({ owner, chain, client }: Where): Promise<OwnerNFTDiscovery | undefined> {
    if (!owner || !chain || !client) return Promise.resolve(undefined);
    const key = `${chain.chain.id}:${owner}`;
    if (found?.key === key && parts.clock() - found.at < freshMs) return found.value;
    const mine: NonNullable<typeof found> = {
      key,
      at: parts.clock(),
      value: parts
        .load()
        .then((v) =>
          v.discoverOwnerNFTs(v.publicClientOf(client), {
            chainId: chain.chain.id,
            owner,
            contracts: chain.contracts,
            multicall3: chain.multicall3,
            configured: chain.deviceNFTs.map((n) => n.address),
            startBlock: chain.logsFromBlock,
            store: parts.cursors,
          }),
        )
        // A failed discovery only costs the picker its list: a collection can still be pasted.
        .catch(() => undefined),
    };
    found = mine;
    void mine.value.then((result) => {
      if (found !== mine || !result) return;
      mine.groups = result.groups;
      parts.onChange();
    });
    return mine.value;
  }

  async function candidatesFor(collection: Address, where: Where): Promise<bigint[] | undefined> {
    const groups = (await discover(where))?.groups;
    const group = groups?.find((g) => isAddressEqual(g.contract, collection));
    if (group) return group.tokens.map((t) => t.tokenId);
    const { owner, chain, client } = where;
    if (!owner || !chain || !client) return undefined;
    const key = `${chain.chain.id}:${collection}:${owner}`;
    if (candidates?.key === key && parts.clock() - candidates.at < freshMs) return candidates.value;
    const value = parts
      .load()
      .then((v) => v.ownerTokenCandidates(v.publicClientOf(client), { contract: collection, owner, fromBlock: chain.logsFromBlock }))
      .catch(() => undefined);
    candidates = { key, at: parts.clock(), value };
    return value;
  }

  return {
    discover,
    candidatesFor,
    /** The last discovery's groups for the current account, for the picker; undefined until known. */
    groups: (where: Where) => (where.chain && where.owner && found?.key === `${where.chain.chain.id}:${where.owner}` ? found.groups : undefined),
  };
}

/** The payload's project if the owner holds its NFTs, else the first project with a token still unused. */
export function discoveredDefault(groups: readonly DeviceNFTGroup[] | undefined, projectName: string | undefined): { contract: Address; tokenId: bigint } | undefined {
  const usable = (groups ?? []).filter((g) => g.tokens.some((t) => !t.used));
  const named = projectName === undefined ? undefined : usable.find((g) => g.projectName === projectName);
  const group = named ?? usable[0];
  const token = group?.tokens.find((t) => !t.used);
  return group && token && { contract: group.contract, tokenId: token.tokenId };
}
