import { zeroAddress, type Address } from "viem";
import { deviceNFTAbi, enumerableDeviceNFTAbi, ioIDRegistryAbi, ioIDStoreAbi, projectAbi } from "../chain/abi";
import { balanceRead, blockNumberRead, chainIdRead, contractRead, StagedReads } from "../chain/stagedReads";
import type { Preflight, PreflightClient, PreflightRequest } from "./preflight";

const ERC721_ENUMERABLE = "0x780e9d63";
const MAX_TOKENS = 50;

/**
 * The same facts as ClaimLens, for nodes that refuse a deployless eth_call: plain reads in three dependent
 * stages (registry → store → project), each stage's reads issued together (stagedReads.ts), so a batching
 * transport sends each stage as one request: three round trips instead of one, but no dependency on the node.
 * Reads of the NFT collection may fail (a missing token, a custom NFT): they count as unknown, as in the lens.
 */
export function readPreflightStepwise(client: PreflightClient, request: PreflightRequest): Promise<Preflight> {
  const { contracts, device, owner, nft, candidates = [] } = request;
  const registry = contracts.ioIDRegistry;
  const asked = nft?.tokenId;
  const requestedIds = [...(asked === undefined ? [] : [asked]), ...candidates.filter((c) => c !== asked)].slice(0, MAX_TOKENS);
  const q = new StagedReads(client);

  const tokenReads = (contract: Address, tokenId: bigint) =>
    [contractRead(contract, deviceNFTAbi, "ownerOf", [tokenId]), contractRead(contract, deviceNFTAbi, "getApproved", [tokenId])] as const;
  const usedRead = (contract: Address, tokenId: bigint) => contractRead(registry, ioIDRegistryAbi, "registeredNFT", [contract, tokenId]);
  const tokenFacts = (contract: Address, tokenId: bigint) => {
    q.prefetch([...tokenReads(contract, tokenId), usedRead(contract, tokenId)]);
    const [holder, approved] = q.get(tokenReads(contract, tokenId));
    const [used] = q.required([usedRead(contract, tokenId)]);
    return { tokenId, holder, approved, used };
  };

  return q.run((): Preflight => {
    // Stage 1: the registry and the NFT collection.
    const facts = [
      contractRead(registry, ioIDRegistryAbi, "ioIDStore", []),
      contractRead(registry, ioIDRegistryAbi, "DOMAIN_SEPARATOR", []),
      contractRead(registry, ioIDRegistryAbi, "nonces", [device]),
      contractRead(registry, ioIDRegistryAbi, "exists", [device]),
      chainIdRead(),
      blockNumberRead(),
      balanceRead(owner),
    ] as const;
    const collection = nft && [
      contractRead(nft.contract, deviceNFTAbi, "isApprovedForAll", [owner, registry]),
      contractRead(nft.contract, deviceNFTAbi, "balanceOf", [owner]),
      contractRead(nft.contract, enumerableDeviceNFTAbi, "supportsInterface", [ERC721_ENUMERABLE]),
    ] as const;
    q.prefetch([...facts, ...(collection ?? [])]);
    const requestedFacts = nft ? q.each(requestedIds, (id) => tokenFacts(nft.contract, id)) : [];
    const [store, domainSeparator, nonce, deviceExists, chainId, blockNumber, ownerBalance] = q.required(facts);
    const [approvedForAll, balance, enumerable] = collection ? q.get(collection) : ([undefined, undefined, undefined] as const);

    // Stage 2: the store (its address came from the registry), and the owner's tokens where the collection lists them.
    const listed = Boolean(enumerable) && nft !== undefined && candidates.length === 0;
    const listedCount = listed ? Number(balance && balance < BigInt(MAX_TOKENS) ? balance : BigInt(MAX_TOKENS)) : 0;
    const storeFacts = [
      contractRead(store, ioIDStoreAbi, "price", []),
      contractRead(store, ioIDStoreAbi, "project", []),
      ...(nft ? [contractRead(store, ioIDStoreAbi, "deviceContractProject", [nft.contract])] : []),
    ] as const;
    const listing = Array.from({ length: listedCount }, (_, i) => contractRead(nft!.contract, enumerableDeviceNFTAbi, "tokenOfOwnerByIndex", [owner, BigInt(i)]));
    q.prefetch([...storeFacts, ...listing]);
    const [price, projectContract, projectId = 0n] = q.required(storeFacts);
    const enumeratedIds = q.required(listing);

    // Stage 3: the project's name and quota, and what stage 1 could not know about enumerated tokens.
    const projectFacts = projectId
      ? ([
          contractRead(projectContract, projectAbi, "name", [projectId]),
          contractRead(projectContract, projectAbi, "projectType", [projectId]),
          contractRead(store, ioIDStoreAbi, "projectAppliedAmount", [projectId]),
          contractRead(store, ioIDStoreAbi, "projectActivedAmount", [projectId]),
        ] as const)
      : undefined;
    q.prefetch(projectFacts ?? []);
    const enumeratedFacts = nft ? q.each(enumeratedIds, (id) => tokenFacts(nft.contract, id)) : [];
    const [projectName, projectType, applied, actived] = projectFacts ? q.required(projectFacts) : (["", 0, 0n, 0n] as const);

    const owned = (listed ? enumeratedFacts : requestedFacts).filter((f) => f.holder?.toLowerCase() === owner.toLowerCase());
    const chosen = asked !== undefined ? requestedFacts.find((f) => f.tokenId === asked) : owned.find((f) => !f.used);
    const ownerTokens = listed || candidates.length > 0 ? owned.map((f) => ({ tokenId: f.tokenId, used: f.used })) : undefined;

    return {
      chainId: Number(chainId),
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
      nftApproved: chosen?.approved && chosen.approved !== zeroAddress ? chosen.approved : undefined,
      approvedForAll: approvedForAll ?? false,
      ownerBalance,
      ownerTokens,
    };
  });
}
