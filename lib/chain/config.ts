import { getAddress, isAddress, type Address, type Chain } from "viem";
import { z } from "zod";
import { devnet, iotex, iotexTestnet, type KnownChainId } from "./chains";
import devnetDeploymentJson from "./deployments/devnet.json";
import { deploymentSchema } from "./deployment";

/** The ioID contracts the app talks to on one chain. */
export interface IoIDContracts {
  ioIDRegistry: Address;
  ioID: Address;
  ioIDStore: Address;
  project: Address;
  projectRegistry: Address;
}

export interface ChainConfig {
  chain: Chain;
  rpcUrl: string;
  explorerUrl: string | undefined;
  contracts: IoIDContracts;
  /** Undefined where the chain has no Multicall3: callers then fall back to parallel reads. */
  multicall3: Address | undefined;
  /** Device-NFT collections offered in the claim flow's picker (a payload or the owner may name others). */
  deviceNFTs: { address: Address; label: string }[];
  /** Where log scans start (the ioID deployment), so they never crawl from genesis. */
  logsFromBlock: bigint;
}

const address = z.string().refine((s) => isAddress(s, { strict: false }), "not a 0x address").transform((s) => getAddress(s));

/** What a project's own deployment may override, per chain, through NEXT_PUBLIC_CHAIN_<id> (JSON). */
const overrideSchema = z
  .object({
    rpcUrl: z.url(),
    explorerUrl: z.url(),
    multicall3: address,
    ioIDRegistry: address,
    ioID: address,
    ioIDStore: address,
    project: address,
    projectRegistry: address,
    deviceNFTs: z.array(z.object({ address, label: z.string().min(1).max(60) }).strict()).max(20),
    logsFromBlock: z.coerce.bigint().nonnegative(),
  })
  .partial()
  .strict();

type Override = z.infer<typeof overrideSchema>;

export class ChainConfigError extends Error {
  override name = "ChainConfigError";
}

function parseOverride(variable: string, raw: string | undefined): Override {
  if (!raw) return {};
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new ChainConfigError(`${variable} must be a JSON object, e.g. {"ioIDRegistry":"0x…"}`);
  }
  const parsed = overrideSchema.safeParse(json);
  if (!parsed.success) throw new ChainConfigError(`${variable}: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

const devnetDeployment = deploymentSchema.parse(devnetDeploymentJson);

// Addresses of IoTeX's own deployments (the upgradeable proxies); see docs/ and shared PROTOCOL.md §3.
const defaults: Record<KnownChainId, Omit<ChainConfig, "chain">> = {
  [iotex.id]: {
    rpcUrl: iotex.rpcUrls.default.http[0],
    explorerUrl: iotex.blockExplorers.default.url,
    multicall3: iotex.contracts.multicall3.address,
    deviceNFTs: [],
    // Multicall3's creation block: ioID (2024) came later, so no ioID log is older.
    logsFromBlock: BigInt(iotex.contracts.multicall3.blockCreated),
    contracts: {
      ioIDRegistry: "0x04e4655Cf258EC802D17c23ec6112Ef7d97Fa2aF",
      ioID: "0x1FCB980eD0287777ab05ADc93012332e11300e54",
      ioIDStore: "0xa822Fd390e8eD3FEC80Bd26c77DD036935463b5E",
      project: "0xA596800891e6a95Bf737404411ef529c1F377b4e",
      projectRegistry: "0x601B655c0a20FA1465C9a18e39387A33eEe7F777",
    },
  },
  [iotexTestnet.id]: {
    rpcUrl: iotexTestnet.rpcUrls.default.http[0],
    explorerUrl: iotexTestnet.blockExplorers.default.url,
    multicall3: iotexTestnet.contracts.multicall3.address,
    deviceNFTs: [],
    logsFromBlock: BigInt(iotexTestnet.contracts.multicall3.blockCreated),
    contracts: {
      ioIDRegistry: "0x0A7e595C7889dF3652A19aF52C18377bF17e027D",
      ioID: "0x45Ce3E6f526e597628c73B731a3e9Af7Fc32f5b7",
      ioIDStore: "0x60cac5CE11cb2F98bF179BE5fd3D801C3D5DBfF2",
      project: "0xf07336E1c77319B4e740b666eb0C2B19D11fc14F",
      projectRegistry: "0x060581AA1A4e0cC92FBd74d251913238De2F13cd",
    },
  },
  [devnet.id]: {
    rpcUrl: devnet.rpcUrls.default.http[0],
    explorerUrl: undefined,
    multicall3: devnetDeployment.multicall3,
    logsFromBlock: BigInt(devnetDeployment.block),
    deviceNFTs: [
      { address: devnetDeployment.deviceNFT, label: "Demo DePIN device" },
      { address: devnetDeployment.demo.otherDeviceNFT, label: "Other Project device" },
    ],
    contracts: {
      ioIDRegistry: devnetDeployment.ioIDRegistry,
      ioID: devnetDeployment.ioID,
      ioIDStore: devnetDeployment.ioIDStore,
      project: devnetDeployment.project,
      projectRegistry: devnetDeployment.projectRegistry,
    },
  },
};

// Each variable is read by its literal name so Next.js can inline it into the browser bundle.
const overrides: Record<KnownChainId, Override> = {
  [iotex.id]: parseOverride("NEXT_PUBLIC_CHAIN_4689", process.env.NEXT_PUBLIC_CHAIN_4689),
  [iotexTestnet.id]: parseOverride("NEXT_PUBLIC_CHAIN_4690", process.env.NEXT_PUBLIC_CHAIN_4690),
  [devnet.id]: parseOverride("NEXT_PUBLIC_CHAIN_31337", process.env.NEXT_PUBLIC_CHAIN_31337),
};

const chainsById = { [iotex.id]: iotex, [iotexTestnet.id]: iotexTestnet, [devnet.id]: devnet } as const;

function buildChainConfig(id: KnownChainId): ChainConfig {
  const base = defaults[id];
  const { rpcUrl, explorerUrl, multicall3, deviceNFTs, logsFromBlock, ...contracts } = overrides[id];
  const chain = chainsById[id];
  return {
    // Wallets (and wagmi's mock connector) read the RPC from the chain object itself, so an override goes there too.
    chain: rpcUrl ? { ...chain, rpcUrls: { default: { http: [rpcUrl] } } } : chain,
    rpcUrl: rpcUrl ?? base.rpcUrl,
    explorerUrl: explorerUrl ?? base.explorerUrl,
    multicall3: multicall3 ?? base.multicall3,
    deviceNFTs: deviceNFTs ?? base.deviceNFTs,
    logsFromBlock: logsFromBlock ?? base.logsFromBlock,
    contracts: { ...base.contracts, ...contracts },
  };
}

const enabledIdsSchema = z
  .string()
  .transform((s) => s.split(",").map((x) => Number(x.trim())))
  .pipe(z.array(z.union([z.literal(iotex.id), z.literal(iotexTestnet.id), z.literal(devnet.id)])).min(1));

function parseEnabledChainIds(raw: string | undefined): KnownChainId[] {
  const parsed = enabledIdsSchema.safeParse(raw ?? `${devnet.id},${iotexTestnet.id},${iotex.id}`);
  if (!parsed.success) {
    throw new ChainConfigError(`NEXT_PUBLIC_CHAINS must list chain ids among 4689, 4690, 31337 (got "${raw}")`);
  }
  return [...new Set(parsed.data)];
}

/** Chains this build offers, the first being the default one. */
export const chainConfigs: readonly ChainConfig[] = parseEnabledChainIds(process.env.NEXT_PUBLIC_CHAINS).map(buildChainConfig);

export const defaultChainConfig: ChainConfig = chainConfigs[0]!;

export function getChainConfig(chainId: number): ChainConfig | undefined {
  return chainConfigs.find((c) => c.chain.id === chainId);
}

export function explorerTxUrl(chainId: number, hash: string): string | undefined {
  const base = getChainConfig(chainId)?.explorerUrl;
  return base ? `${base}/tx/${hash}` : undefined;
}

export function explorerAddressUrl(chainId: number, address: string): string | undefined {
  const base = getChainConfig(chainId)?.explorerUrl;
  return base ? `${base}/address/${address}` : undefined;
}
