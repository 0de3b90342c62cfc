import type { Address, Chain } from "viem";
import type { ChainEnv } from "./chainEnv";
import { DEFAULT_CHAIN_IDS, devnet, iotex, iotexTestnet, type KnownChainId } from "./chains";
import type { Deployment } from "./deployment";
import devnetDeploymentJson from "./deployments/devnet.json";

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

// The deployment's overrides, checked when the app was built (see chainEnv.ts and next.config.ts). Outside a
// Next build (tests, scripts) there are none: the defaults below apply.
const chainEnv: ChainEnv = process.env.IOID_CHAIN_ENV ? (JSON.parse(process.env.IOID_CHAIN_ENV) as ChainEnv) : { chains: [...DEFAULT_CHAIN_IDS], overrides: {} };

// Written by `npm run devnet` and checked against its schema by contracts/test/deployment.test.ts.
const devnetDeployment = devnetDeploymentJson as unknown as Deployment;

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

const chainsById = { [iotex.id]: iotex, [iotexTestnet.id]: iotexTestnet, [devnet.id]: devnet } as const;

function buildChainConfig(id: KnownChainId): ChainConfig {
  const base = defaults[id];
  const { rpcUrl, explorerUrl, multicall3, deviceNFTs, logsFromBlock, ...contracts } = chainEnv.overrides[id] ?? {};
  const chain = chainsById[id];
  return {
    // Wallets (and wagmi's mock connector) read the RPC from the chain object itself, so an override goes there too.
    chain: rpcUrl ? { ...chain, rpcUrls: { default: { http: [rpcUrl] } } } : chain,
    rpcUrl: rpcUrl ?? base.rpcUrl,
    explorerUrl: explorerUrl ?? base.explorerUrl,
    multicall3: multicall3 ?? base.multicall3,
    deviceNFTs: deviceNFTs ?? base.deviceNFTs,
    logsFromBlock: logsFromBlock === undefined ? base.logsFromBlock : BigInt(logsFromBlock),
    contracts: { ...base.contracts, ...contracts },
  };
}

/** Chains this build offers, the first being the default one. */
export const chainConfigs: readonly ChainConfig[] = chainEnv.chains.map(buildChainConfig);

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
