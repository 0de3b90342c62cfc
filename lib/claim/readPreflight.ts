import { claimLensAbi, claimLensBytecode } from "../chain/abi";
import { lensOrPlain } from "../chain/deployless";
import type { Preflight, PreflightClient, PreflightRequest } from "./preflight";
import { readPreflightStepwise } from "./preflightStepwise";

const zeroAddress = "0x0000000000000000000000000000000000000000" as const;

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
