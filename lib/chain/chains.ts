import { defineChain } from "viem";
import { iotex, iotexTestnet } from "viem/chains";

/** The embedded local chain (anvil). Multicall3 is placed at its canonical address by the devnet deploy. */
export const devnet = defineChain({
  id: 31_337,
  name: "ioID Devnet",
  nativeCurrency: { decimals: 18, name: "IoTeX", symbol: "IOTX" },
  rpcUrls: { default: { http: ["http://127.0.0.1:8545"] } },
  contracts: { multicall3: { address: "0xcA11bde05977b3631167028862bE2a173976CA11", blockCreated: 0 } },
  testnet: true,
});

export { iotex, iotexTestnet };

export const knownChains = [iotex, iotexTestnet, devnet] as const;
export type KnownChain = (typeof knownChains)[number];
export type KnownChainId = KnownChain["id"];

export function isKnownChainId(id: number): id is KnownChainId {
  return knownChains.some((c) => c.id === id);
}
