import type { Address, Hex, PublicClient } from "viem";
import { deviceNFTAbi, fleetLensAbi, fleetLensBytecode, ioIDRegistryAbi } from "../../chain/abi";
import { lensOrPlain } from "../../chain/deployless";
import type { PreflightClient } from "../preflight";
import { readPreflightStepwise } from "../preflightStepwise";

/** What the chain says about one device of the queue. */
export interface DeviceFacts {
  nonce: bigint;
  exists: boolean;
  /** The token the device asked for (its payload's or the owner's choice), when it named one. */
  token: { contract: Address; tokenId: bigint; owner: Address | undefined; used: boolean } | undefined;
}

/** What the chain says about one device-NFT collection the queue uses. */
export interface CollectionFacts {
  contract: Address;
  /** 0 when the collection is bound to no ioID project. */
  projectId: bigint;
  projectName: string;
  projectType: number;
  applied: bigint;
  actived: bigint;
  approvedForAll: boolean;
  /** The owner's tokens not yet used for a registration, in the collection's order. */
  unusedTokens: bigint[];
}

/** Everything the fleet planner needs, for the whole queue: one read. */
export interface FleetFacts {
  chainId: number;
  blockNumber: bigint;
  blockGasLimit: bigint;
  registry: Address;
  domainSeparator: Hex;
  price: bigint;
  ownerBalance: bigint;
  /** Keyed by the lowercase device address. */
  devices: Map<string, DeviceFacts>;
  /** Keyed by the lowercase collection address. */
  collections: Map<string, CollectionFacts>;
}

export interface FleetFactsRequest {
  registry: Address;
  owner: Address;
  devices: readonly { device: Address; token?: { contract: Address; tokenId: bigint } | undefined }[];
  collections: readonly Address[];
  /** Per collection (lowercase address), token ids the owner may hold when the collection cannot list them. */
  candidates?: ReadonlyMap<string, readonly bigint[]> | undefined;
}

export type FleetFactsClient = PreflightClient & Pick<PublicClient, "getBlock">;

const zeroAddress = "0x0000000000000000000000000000000000000000" as const;
const key = (a: string) => a.toLowerCase();

/**
 * The whole queue's facts as one deployless eth_call (FleetLens); a node that refuses those gets them from plain
 * reads in three stages (each stage one JSON-RPC batch on a batching transport).
 */
export function readFleetFacts(client: FleetFactsClient, request: FleetFactsRequest): Promise<FleetFacts> {
  return lensOrPlain(client, () => readWithLens(client, request), () => readStepwise(client, request));
}

async function readWithLens(client: FleetFactsClient, request: FleetFactsRequest): Promise<FleetFacts> {
  const { registry, owner, devices, collections, candidates } = request;
  const s = await client.readContract({
    abi: fleetLensAbi,
    code: fleetLensBytecode,
    functionName: "inspect",
    args: [
      {
        registry,
        owner,
        devices: devices.map((d) => d.device),
        deviceCollections: devices.map((d) => d.token?.contract ?? zeroAddress),
        deviceTokens: devices.map((d) => d.token?.tokenId ?? 0n),
        collections: [...collections],
        candidates: collections.map((c) => [...(candidates?.get(key(c)) ?? [])]),
      },
    ],
  });
  return {
    chainId: Number(s.chainId),
    blockNumber: s.blockNumber,
    blockGasLimit: s.blockGasLimit,
    registry,
    domainSeparator: s.domainSeparator,
    price: s.price,
    ownerBalance: s.ownerBalance,
    devices: new Map(
      devices.map((d, i) => {
        const f = s.devices[i]!;
        const token = d.token && { ...d.token, owner: f.tokenOwner === zeroAddress ? undefined : f.tokenOwner, used: f.tokenUsed };
        return [key(d.device), { nonce: f.nonce, exists: f.exists, token }];
      }),
    ),
    collections: new Map(
      collections.map((contract, i) => {
        const c = s.collections[i]!;
        const facts: CollectionFacts = {
          contract,
          projectId: c.projectId,
          projectName: c.projectName,
          projectType: c.projectType,
          applied: c.applied,
          actived: c.actived,
          approvedForAll: c.approvedForAll,
          unusedTokens: [...c.unusedTokenIds],
        };
        return [key(contract), facts];
      }),
    ),
  };
}

/**
 * The fallback: the single claim's stepwise preflight once per collection (project, quota, approval, the owner's
 * tokens: first 50), and each device's nonce, registration and named token beside it. Issued together, so a
 * batching transport still sends each of the three stages as one request.
 */
async function readStepwise(client: FleetFactsClient, request: FleetFactsRequest): Promise<FleetFacts> {
  const { registry, owner, devices, collections, candidates } = request;
  const anyDevice = devices[0]?.device ?? zeroAddress;
  const reg = <T>(functionName: "nonces" | "exists" | "registeredNFT", args: readonly unknown[]) =>
    client.readContract({ address: registry, abi: ioIDRegistryAbi, functionName, args } as never) as Promise<T>;
  const ownerOf = (contract: Address, tokenId: bigint) =>
    client.readContract({ address: contract, abi: deviceNFTAbi, functionName: "ownerOf", args: [tokenId] }).catch(() => undefined);
  // With no collection yet, one read without an NFT still brings the chain-wide facts (price, balance, domain).
  const targets = collections.length > 0 ? collections : [undefined];
  const [block, perTarget, perDevice] = await Promise.all([
    client.getBlock(),
    Promise.all(
      targets.map((contract) =>
        readPreflightStepwise(client, {
          contracts: { ioIDRegistry: registry },
          device: anyDevice,
          owner,
          nft: contract && { contract },
          candidates: contract && candidates?.get(key(contract)),
        }),
      ),
    ),
    Promise.all(
      devices.map(async (d) => {
        const [nonce, exists, used, holder] = await Promise.all([
          reg<bigint>("nonces", [d.device]),
          reg<boolean>("exists", [d.device]),
          d.token ? reg<boolean>("registeredNFT", [d.token.contract, d.token.tokenId]) : false,
          d.token ? ownerOf(d.token.contract, d.token.tokenId) : undefined,
        ]);
        return [key(d.device), { nonce, exists, token: d.token && { ...d.token, owner: holder, used } }] as const;
      }),
    ),
  ]);
  const first = perTarget[0]!;
  return {
    chainId: first.chainId,
    blockNumber: block.number ?? first.blockNumber,
    blockGasLimit: block.gasLimit,
    registry,
    domainSeparator: first.domainSeparator,
    price: first.price,
    ownerBalance: first.ownerBalance,
    devices: new Map(perDevice),
    collections: new Map(
      collections.map((_, i) => {
        const p = perTarget[i]!;
        const contract = collections[i]!;
        const facts: CollectionFacts = {
          contract,
          projectId: p.projectId,
          projectName: p.projectName,
          projectType: p.projectType,
          applied: p.applied,
          actived: p.actived,
          approvedForAll: p.approvedForAll,
          unusedTokens: (p.ownerTokens ?? []).filter((t) => !t.used).map((t) => t.tokenId),
        };
        return [key(contract), facts];
      }),
    ),
  };
}
