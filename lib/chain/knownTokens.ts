import { getAddress, type Address } from "viem";
import { devnet, iotex, iotexTestnet, type KnownChainId } from "./chains";
import devnetDeploymentJson from "./deployments/devnet.json";

// Well-known ERC-20 tokens per chain, checked in every device wallet even before a Transfer log names them (a
// node that limits log ranges may not show old transfers). Addresses only: symbol and decimals are always read
// from the token itself, never taken from a list. Sources: IoTeX's docs (WIOTX, CIOTX, uniIOTX) and ioTube's
// bridged stablecoins; testnet has none we can vouch for, so discovery alone serves it.
const lists: Record<KnownChainId, readonly string[]> = {
  [iotex.id]: [
    "0xA00744882684C3e4747faEFD68D283eA44099D03", // WIOTX
    "0x99B2B0eFb56E62E36960c20cD5ca8eC6ABD5557A", // CIOTX
    "0x236f8c0a61da474db21b693fb2ea7aab0c803894", // uniIOTX
    "0x3B2bf2b523f54C4E454F08Aa286D03115aFF326c", // ioUSDC
    "0x6fbCdc1169B5130C59E72E51Ed68A84841C98cd1", // ioUSDT
  ],
  [iotexTestnet.id]: [],
  [devnet.id]: [devnetDeploymentJson.demo.testToken],
};

/** The built-in token list of a chain (empty for chains we do not know). */
export function knownTokens(chainId: number): Address[] {
  return (lists[chainId as KnownChainId] ?? []).map((a) => getAddress(a));
}
