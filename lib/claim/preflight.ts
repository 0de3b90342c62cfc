import type { Address, Hex, PublicClient } from "viem";
import type { IoIDContracts } from "../chain/config";

/** Everything the chain says about a claim before anything is signed: one eth_call, one round trip. */
export interface Preflight {
  chainId: number;
  blockNumber: bigint;
  registry: Address;
  domainSeparator: Hex;
  nonce: bigint;
  deviceExists: boolean;
  /** 0 when the device-NFT contract is bound to no ioID project (or none was given). */
  projectId: bigint;
  projectName: string;
  projectType: number;
  price: bigint;
  applied: bigint;
  actived: bigint;
  /** The token described: the one asked for, or the owner's first unused one; no tokenId when none was found. */
  nft: { contract: Address; tokenId: bigint | undefined } | undefined;
  nftUsed: boolean;
  nftExists: boolean;
  nftOwner: Address | undefined;
  nftApproved: Address | undefined;
  approvedForAll: boolean;
  ownerBalance: bigint;
  /** The owner's tokens of the device-NFT contract (enumerated, or among the candidates; first 50), with their used flag. */
  ownerTokens: { tokenId: bigint; used: boolean }[] | undefined;
}

export interface PreflightRequest {
  contracts: Pick<IoIDContracts, "ioIDRegistry">;
  device: Address;
  owner: Address;
  /** Without a tokenId the lens picks the owner's first unused token of the contract. */
  nft?: { contract: Address; tokenId?: bigint | undefined } | undefined;
  /** For collections that are not ERC-721 Enumerable: token ids the owner may hold (see ownerTokenCandidates). */
  candidates?: readonly bigint[] | undefined;
}

export type PreflightClient = Pick<PublicClient, "readContract" | "getBalance" | "getChainId" | "getBlockNumber">;

/** The value `register` must carry: free while the project's prepaid quota lasts, `price` after. */
export function registrationFee(p: Pick<Preflight, "applied" | "actived" | "price">): bigint {
  return p.applied > p.actived ? 0n : p.price;
}
