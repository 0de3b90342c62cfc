import { parseAbi, type Address } from "viem";
import { deviceNFTAbi, ioIDRegistryAbi, ioIDStoreAbi, projectAbi } from "../chain/abi";
import type { Preflight, PreflightClient, PreflightRequest } from "./preflight";

const enumerableAbi = parseAbi([
  "function tokenOfOwnerByIndex(address owner, uint256 index) view returns (uint256)",
  "function supportsInterface(bytes4 interfaceId) view returns (bool)",
]);
const ERC721_ENUMERABLE = "0x780e9d63";
const MAX_TOKENS = 50;


/** A read that may fail on a foreign contract (a missing token, a custom NFT): undefined instead of a throw. */
const maybe = <T>(read: Promise<T>): Promise<T | undefined> => read.catch(() => undefined);

/**
 * The same facts as ClaimLens, for nodes that refuse a deployless eth_call: plain reads in three dependent
 * stages (registry → store → project). Each stage's reads are issued together, so a batching transport
 * sends each stage as one request: three round trips instead of one, but no dependency on the node.
 */
export async function readPreflightStepwise(client: PreflightClient, request: PreflightRequest): Promise<Preflight> {
  const { contracts, device, owner, nft, candidates = [] } = request;
  const registry = contracts.ioIDRegistry;
  const reg = <F extends "ioIDStore" | "DOMAIN_SEPARATOR" | "nonces" | "exists" | "registeredNFT">(functionName: F, args: readonly unknown[] = []) =>
    client.readContract({ address: registry, abi: ioIDRegistryAbi, functionName, args } as never) as Promise<never>;
  const erc721 = (functionName: "ownerOf" | "getApproved" | "isApprovedForAll" | "balanceOf", args: readonly unknown[]) =>
    maybe(client.readContract({ address: nft!.contract, abi: deviceNFTAbi, functionName, args } as never) as Promise<never>);

  // Stage 1: the registry and the NFT collection.
  const asked = nft?.tokenId;
  const tokenIds = [...(asked === undefined ? [] : [asked]), ...candidates.filter((c) => c !== asked)].slice(0, MAX_TOKENS);
  const [store, domainSeparator, nonce, deviceExists, chainId, blockNumber, ownerBalance, approvedForAll, balance, enumerable, requestedFacts] =
    await Promise.all([
      reg("ioIDStore") as Promise<Address>,
      reg("DOMAIN_SEPARATOR") as Promise<`0x${string}`>,
      reg("nonces", [device]) as Promise<bigint>,
      reg("exists", [device]) as Promise<boolean>,
      client.getChainId(),
      client.getBlockNumber(),
      client.getBalance({ address: owner }),
      nft ? (erc721("isApprovedForAll", [owner, registry]) as Promise<boolean | undefined>) : undefined,
      nft ? (erc721("balanceOf", [owner]) as Promise<bigint | undefined>) : undefined,
      nft ? maybe(client.readContract({ address: nft.contract, abi: enumerableAbi, functionName: "supportsInterface", args: [ERC721_ENUMERABLE] })) : undefined,
      Promise.all(tokenIds.map((id) => readTokenFacts(id))),
    ]);

  async function readTokenFacts(tokenId: bigint) {
    const [holder, approved, used] = await Promise.all([
      erc721("ownerOf", [tokenId]) as Promise<Address | undefined>,
      erc721("getApproved", [tokenId]) as Promise<Address | undefined>,
      reg("registeredNFT", [nft!.contract, tokenId]) as Promise<boolean>,
    ]);
    return { tokenId, holder, approved, used };
  }

  // Stage 2: the store (its address came from the registry), and the owner's tokens where the collection lists them.
  const listed = Boolean(enumerable) && nft !== undefined && candidates.length === 0;
  const [price, projectContract, projectId, enumeratedIds] = await Promise.all([
    client.readContract({ address: store, abi: ioIDStoreAbi, functionName: "price" }),
    client.readContract({ address: store, abi: ioIDStoreAbi, functionName: "project" }),
    nft ? client.readContract({ address: store, abi: ioIDStoreAbi, functionName: "deviceContractProject", args: [nft.contract] }) : 0n,
    listed
      ? Promise.all(
          Array.from({ length: Number(balance && balance < BigInt(MAX_TOKENS) ? balance : BigInt(MAX_TOKENS)) }, (_, i) =>
            client.readContract({ address: nft.contract, abi: enumerableAbi, functionName: "tokenOfOwnerByIndex", args: [owner, BigInt(i)] }),
          ),
        )
      : [],
  ]);

  // Stage 3: the project's name and quota, and what stage 1 could not know about enumerated tokens.
  const [projectName, projectType, applied, actived, enumeratedFacts] = await Promise.all([
    projectId ? client.readContract({ address: projectContract, abi: projectAbi, functionName: "name", args: [projectId] }) : "",
    projectId ? client.readContract({ address: projectContract, abi: projectAbi, functionName: "projectType", args: [projectId] }) : 0,
    projectId ? client.readContract({ address: store, abi: ioIDStoreAbi, functionName: "projectAppliedAmount", args: [projectId] }) : 0n,
    projectId ? client.readContract({ address: store, abi: ioIDStoreAbi, functionName: "projectActivedAmount", args: [projectId] }) : 0n,
    Promise.all(enumeratedIds.map((id) => readTokenFacts(id))),
  ]);

  const owned = (listed ? enumeratedFacts : requestedFacts).filter((f) => f.holder?.toLowerCase() === owner.toLowerCase());
  const chosen = asked !== undefined ? requestedFacts.find((f) => f.tokenId === asked) : owned.find((f) => !f.used);
  const ownerTokens = listed || candidates.length > 0 ? owned.map((f) => ({ tokenId: f.tokenId, used: f.used })) : undefined;

  return {
    chainId,
    blockNumber,
    registry,
    domainSeparator,
    nonce,
    deviceExists,
    projectId,
    projectName,
    projectType,
    price,
    applied,
    actived,
    nft: nft && { contract: nft.contract, tokenId: chosen?.tokenId },
    nftUsed: chosen?.used ?? false,
    nftExists: chosen?.holder !== undefined,
    nftOwner: chosen?.holder,
    nftApproved: chosen?.approved && chosen.approved !== "0x0000000000000000000000000000000000000000" ? chosen.approved : undefined,
    approvedForAll: approvedForAll ?? false,
    ownerBalance,
    ownerTokens,
  };
}
