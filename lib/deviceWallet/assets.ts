import { erc20Abi, erc721Abi, getAddress, hexToBigInt, isAddress, isAddressEqual, type Address, type PublicClient } from "viem";
import { knownTokens } from "../chain/knownTokens";
import { cursorKey, scanLogs, scanSince, type CursorCodec, type CursorStore } from "../chain/logScan";
import { addressTopic, rawLogFetch, TRANSFER_TOPIC, type RawLog } from "../chain/rawLogs";
import { readMany, type AnyRead as ReadCall } from "../chain/readMany";
import { tokenDecimals, tokenText } from "./tokenText";

// What a device wallet holds. Candidates come from Transfer logs into the wallet (read once, then only new blocks,
// through the shared log scanner's cursor) and the chain's built-in token list; then one batch reads every
// balance, owner and symbol at the same block. Nothing shown comes from a list or a log alone.

export interface TokenHolding {
  contract: Address;
  symbol: string | undefined;
  name: string | undefined;
  decimals: number;
  balance: bigint;
  /** On the chain's built-in list; otherwise only seen arriving in a Transfer log (anyone can send a token). */
  listed: boolean;
}

export interface NftHolding {
  contract: Address;
  tokenId: bigint;
  name: string | undefined;
  symbol: string | undefined;
  /** The NFT the ioID was registered with: its home is this wallet. */
  isDeviceNFT: boolean;
}

export interface WalletAssets {
  wallet: Address;
  iotx: bigint;
  tokens: TokenHolding[];
  /** The device NFT first. */
  nfts: NftHolding[];
}

/** Contracts that sent the wallet an ERC-20 (3-topic Transfer) and NFTs it received (4-topic Transfer). */
export interface Candidates {
  erc20: Address[];
  nfts: { contract: Address; tokenId: bigint }[];
}

export type AssetsClient = Pick<PublicClient, "request" | "getBlockNumber" | "getBalance" | "multicall" | "readContract">;

const nftKey = (n: { contract: Address; tokenId: bigint }) => `${n.contract.toLowerCase()}:${n.tokenId}`;

/** Adds newly seen Transfer logs into a set of wallets to what earlier scans found. Pure. */
export function foldCandidates(found: Candidates, logs: readonly RawLog[]): Candidates {
  const erc20 = new Map(found.erc20.map((a) => [a.toLowerCase(), a]));
  const nfts = new Map(found.nfts.map((n) => [nftKey(n), n]));
  for (const log of logs) {
    if (log.topics.length === 3) erc20.set(log.address.toLowerCase(), log.address);
    else if (log.topics.length === 4) {
      const nft = { contract: log.address, tokenId: hexToBigInt(log.topics[3]!) };
      nfts.set(nftKey(nft), nft);
    }
  }
  return { erc20: [...erc20.values()], nfts: [...nfts.values()] };
}

const addressList = (v: unknown): Address[] | undefined =>
  Array.isArray(v) && v.every((a) => typeof a === "string" && isAddress(a, { strict: false })) ? v.map((a: string) => getAddress(a)) : undefined;

/** The cursor's stored form, validated when read back (localStorage is a boundary). */
export const candidatesCodec: CursorCodec<Candidates> = {
  encode: (c) => ({ erc20: c.erc20, nfts: c.nfts.map((n) => [n.contract, n.tokenId.toString()]) }),
  decode: (json) => {
    const j = json as { erc20?: unknown; nfts?: unknown } | null;
    const erc20 = addressList(j?.erc20);
    if (!erc20 || !Array.isArray(j?.nfts)) return undefined;
    const nfts: Candidates["nfts"] = [];
    for (const n of j.nfts as unknown[]) {
      if (!Array.isArray(n) || typeof n[0] !== "string" || !isAddress(n[0], { strict: false }) || typeof n[1] !== "string" || !/^\d{1,78}$/.test(n[1])) return undefined;
      nfts.push({ contract: getAddress(n[0]), tokenId: BigInt(n[1]) });
    }
    return { erc20, nfts };
  },
};

export interface WalletScope {
  chainId: number;
  /** ChainConfig.logsFromBlock. */
  fromBlock: bigint;
  multicall3: Address | undefined;
  /** Where the scan cursor lives (localStorage in the browser); none: every read scans from `fromBlock`. */
  store?: CursorStore | undefined;
}

/** Everything that ever arrived in `wallets`, from Transfer logs (one filter for all of them). */
export async function discoverCandidates(client: AssetsClient, wallets: readonly Address[], scope: WalletScope & { question: string; subject: string }): Promise<Candidates> {
  const fetch = rawLogFetch(client, { topics: [TRANSFER_TOPIC, null, wallets.map(addressTopic)] });
  const { data } = await scanSince({
    store: scope.store,
    key: cursorKey(scope.chainId, scope.question, scope.subject),
    startBlock: scope.fromBlock,
    initial: { erc20: [], nfts: [] },
    fold: foldCandidates,
    codec: candidatesCodec,
    scan: (from) => scanLogs(client, fetch, from),
  });
  return data;
}

/** The wallet's IOTX, ERC-20 tokens and NFTs now. `deviceNFT`: the ioID's registered NFT, listed first. */
export async function readWalletAssets(
  client: AssetsClient,
  r: WalletScope & { wallet: Address; deviceNFT?: { contract: Address; tokenId: bigint } | undefined },
): Promise<WalletAssets> {
  const found = await discoverCandidates(client, [r.wallet], { ...r, question: "wallet-assets", subject: r.wallet });
  const listed = knownTokens(r.chainId);
  const erc20 = [...listed];
  for (const a of found.erc20) if (!erc20.some((b) => isAddressEqual(a, b))) erc20.push(a);
  const nfts = r.deviceNFT ? [r.deviceNFT, ...found.nfts.filter((n) => nftKey(n) !== nftKey(r.deviceNFT!))] : found.nfts;

  const calls: ReadCall[] = [
    ...erc20.flatMap((address) => [
      { address, abi: erc20Abi, functionName: "balanceOf", args: [r.wallet] },
      { address, abi: erc20Abi, functionName: "decimals" },
      { address, abi: erc20Abi, functionName: "symbol" },
      { address, abi: erc20Abi, functionName: "name" },
    ]),
    ...nfts.flatMap(({ contract: address, tokenId }) => [
      { address, abi: erc721Abi, functionName: "ownerOf", args: [tokenId] },
      { address, abi: erc721Abi, functionName: "symbol" },
      { address, abi: erc721Abi, functionName: "name" },
    ]),
  ] as ReadCall[];
  const [iotx, answers] = await Promise.all([client.getBalance({ address: r.wallet }), readMany(client, r.multicall3, calls)]);

  const tokens: TokenHolding[] = [];
  erc20.forEach((contract, i) => {
    const [balance, decimals, symbol, name] = answers.slice(i * 4, i * 4 + 4);
    const d = tokenDecimals(decimals);
    if (typeof balance !== "bigint" || balance === 0n || d === undefined) return;
    tokens.push({ contract, balance, decimals: d, symbol: tokenText(symbol, 16), name: tokenText(name, 48), listed: listed.some((a) => isAddressEqual(a, contract)) });
  });
  const base = erc20.length * 4;
  const held: NftHolding[] = [];
  nfts.forEach((nft, i) => {
    const [owner, symbol, name] = answers.slice(base + i * 3, base + i * 3 + 3);
    if (typeof owner !== "string" || !isAddressEqual(owner as Address, r.wallet)) return;
    held.push({ ...nft, symbol: tokenText(symbol, 16), name: tokenText(name, 48), isDeviceNFT: Boolean(r.deviceNFT) && nftKey(nft) === nftKey(r.deviceNFT!) });
  });
  return { wallet: r.wallet, iotx, tokens, nfts: held };
}
