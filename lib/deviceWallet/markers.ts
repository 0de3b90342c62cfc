import { erc20Abi, erc721Abi, isAddressEqual, keccak256, stringToBytes, type Address } from "viem";
import { knownTokens } from "../chain/knownTokens";
import { readMany, type AnyRead as ReadCall } from "../chain/readMany";
import { discoverCandidates, type AssetsClient, type WalletScope } from "./assets";

// The devices list's "holds tokens" marker. It runs beside the list, never before it: the list's own reads (the
// lens pages) are unchanged, and this costs one log scan for all wallets on screen plus one batch of balances.

export interface WalletMarker {
  /** ERC-20 tokens with a balance. */
  tokens: number;
  /** NFTs besides one of the wallet's device-NFT collection (its own device NFT). */
  nfts: number;
}

export interface MarkerWallet {
  wallet: Address;
  /** The project's device-NFT collection: one token of it is the wallet's own device NFT. */
  deviceNFT: Address | undefined;
}

export async function readWalletMarkers(client: AssetsClient, wallets: readonly MarkerWallet[], scope: WalletScope): Promise<Map<Address, WalletMarker>> {
  const markers = new Map<Address, WalletMarker>();
  if (wallets.length === 0) return markers;
  const addresses = wallets.map((w) => w.wallet);
  // The cursor belongs to this exact set of wallets: another page or a new ioID is another scan.
  const subject = keccak256(stringToBytes(addresses.map((a) => a.toLowerCase()).sort().join(",")));
  const found = await discoverCandidates(client, addresses, { ...scope, question: "wallet-markers", subject });
  const erc20 = [...knownTokens(scope.chainId)];
  for (const a of found.erc20) if (!erc20.some((b) => isAddressEqual(a, b))) erc20.push(a);

  const calls: ReadCall[] = [
    ...erc20.flatMap((address) => addresses.map((wallet) => ({ address, abi: erc20Abi, functionName: "balanceOf", args: [wallet] }))),
    ...found.nfts.map(({ contract: address, tokenId }) => ({ address, abi: erc721Abi, functionName: "ownerOf", args: [tokenId] })),
  ] as ReadCall[];
  const answers = await readMany(client, scope.multicall3, calls);

  for (const w of wallets) markers.set(w.wallet, { tokens: 0, nfts: 0 });
  erc20.forEach((_, t) =>
    addresses.forEach((wallet, i) => {
      const balance = answers[t * addresses.length + i];
      if (typeof balance === "bigint" && balance > 0n) markers.get(wallet)!.tokens++;
    }),
  );
  const base = erc20.length * addresses.length;
  const ownDeviceNFTSeen = new Set<Address>();
  found.nfts.forEach((nft, i) => {
    const owner = answers[base + i];
    const w = typeof owner === "string" ? wallets.find((x) => isAddressEqual(x.wallet, owner as Address)) : undefined;
    if (!w) return;
    if (w.deviceNFT && isAddressEqual(w.deviceNFT, nft.contract) && !ownDeviceNFTSeen.has(w.wallet)) {
      ownDeviceNFTSeen.add(w.wallet);
      return;
    }
    markers.get(w.wallet)!.nfts++;
  });
  return markers;
}
