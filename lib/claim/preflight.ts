import type { Address, Hex, PublicClient } from "viem";
import { claimLensAbi, claimLensBytecode } from "../chain/abi";
import type { IoIDContracts } from "../chain/config";
import { lensOrPlain } from "../chain/deployless";
import { readPreflightStepwise } from "./preflightStepwise";

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

const zeroAddress = "0x0000000000000000000000000000000000000000" as const;

export type PreflightClient = Pick<PublicClient, "readContract" | "getBalance" | "getChainId" | "getBlockNumber">;

/**
 * Runs ClaimLens as a deployless read: its creation code goes into the eth_call, so dependent reads
 * (project id → that project's quota) still take one round trip, with or without Multicall3. A node that
 * refuses calls without a `to` gets the same facts in three stages of plain reads.
 */
export function readPreflight(client: PreflightClient, request: PreflightRequest): Promise<Preflight> {
  return lensOrPlain(
    client,
    () => readPreflightWithLens(client, request),
    () => readPreflightStepwise(client, request),
  );
}

async function readPreflightWithLens(client: PreflightClient, request: PreflightRequest): Promise<Preflight> {
  const { contracts, device, owner, nft, candidates = [] } = request;
  const s = await client.readContract({
    abi: claimLensAbi,
    code: claimLensBytecode,
    functionName: "inspect",
    args: [contracts.ioIDRegistry, device, owner, nft?.contract ?? zeroAddress, nft?.tokenId ?? 0n, nft?.tokenId === undefined, candidates],
  });
  const picked = nft && (nft.tokenId !== undefined || s.nftExists || s.tokenId !== 0n) ? s.tokenId : undefined;
  return {
    chainId: Number(s.chainId),
    blockNumber: s.blockNumber,
    registry: contracts.ioIDRegistry,
    domainSeparator: s.domainSeparator,
    nonce: s.nonce,
    deviceExists: s.deviceExists,
    projectId: s.projectId,
    projectName: s.projectName,
    projectType: s.projectType,
    price: s.price,
    applied: s.applied,
    actived: s.actived,
    nft: nft && { contract: nft.contract, tokenId: picked },
    nftUsed: s.nftUsed,
    nftExists: s.nftExists,
    nftOwner: s.nftExists ? s.nftOwner : undefined,
    nftApproved: s.nftExists && s.nftApproved !== zeroAddress ? s.nftApproved : undefined,
    approvedForAll: s.approvedForAll,
    ownerBalance: s.ownerBalance,
    ownerTokens:
      s.nftEnumerable || candidates.length > 0 ? s.ownerTokenIds.map((tokenId, i) => ({ tokenId, used: s.ownerTokenUsed[i] ?? false })) : undefined,
  };
}

/** The value `register` must carry: free while the project's prepaid quota lasts, `price` after. */
export function registrationFee(p: Pick<Preflight, "applied" | "actived" | "price">): bigint {
  return p.applied > p.actived ? 0n : p.price;
}
