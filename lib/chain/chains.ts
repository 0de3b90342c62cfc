import { defineChain } from "viem";
import { iotex as viemIotex, iotexTestnet as viemIotexTestnet } from "viem/chains";

// RainbowKit shows `iconUrl` in its network button; without one it draws a warning-like placeholder.
const withIcon = <C extends object>(chain: C, iconUrl: string) => ({ ...chain, iconUrl, iconBackground: "#ffffff" });

export const iotex = withIcon(viemIotex, "/icons/iotex.svg");
export const iotexTestnet = withIcon(viemIotexTestnet, "/icons/iotex.svg");

/** The embedded local chain (anvil). Multicall3 is placed at its canonical address by the devnet deploy. */
export const devnet = withIcon(defineChain({
  id: 31_337,
  name: "ioID Devnet",
  nativeCurrency: { decimals: 18, name: "IoTeX", symbol: "IOTX" },
  rpcUrls: { default: { http: ["http://127.0.0.1:8545"] } },
  contracts: { multicall3: { address: "0xcA11bde05977b3631167028862bE2a173976CA11", blockCreated: 0 } },
  testnet: true,
}), "/icons/devnet.svg");

export type KnownChainId = typeof iotex.id | typeof iotexTestnet.id | typeof devnet.id;

/**
 * Without NEXT_PUBLIC_CHAINS a build offers IoTeX itself, mainnet first: a production build made with no chain
 * variables must not point visitors at a local devnet. `npm run dev`, the e2e build and the bench name the devnet.
 */
export const DEFAULT_CHAIN_IDS: readonly KnownChainId[] = [iotex.id, iotexTestnet.id];

/** What `npm run dev`, the e2e build and the bench offer: the devnet first, then testnet and mainnet. */
export const DEVNET_CHAIN_IDS = `${devnet.id},${iotexTestnet.id},${iotex.id}`;
