import { getAddress } from "viem";
import { afterEach, describe, expect, it, vi } from "vitest";
import { readChainEnv } from "./chainEnv";
import { DEVNET_CHAIN_IDS } from "./chains";

// config.ts reads the checked environment once, at import, as next.config.ts hands it over: each case builds it
// from the variables, then imports a fresh copy.
async function loadConfig(env: Record<string, string>) {
  vi.resetModules();
  vi.stubEnv("IOID_CHAIN_ENV", JSON.stringify(readChainEnv(env)));
  return import("./config");
}

afterEach(() => vi.unstubAllEnvs());

describe("chain config", () => {
  it("offers IoTeX mainnet and testnet by default, mainnet first, and no devnet", async () => {
    const { chainConfigs, defaultChainConfig } = await loadConfig({});
    expect(chainConfigs.map((c) => c.chain.id)).toEqual([4689, 4690]);
    expect(defaultChainConfig.chain.id).toBe(4689);
    expect(defaultChainConfig.multicall3).toBe("0xcA11bde05977b3631167028862bE2a173976CA11");
  });

  it("the resolver's default chain follows the build's first chain", async () => {
    await loadConfig({});
    const { createServerResolverDeps } = await import("../did/server");
    expect(createServerResolverDeps().defaultChainId).toBe(4689);
    vi.resetModules();
    vi.stubEnv("IOID_CHAIN_ENV", JSON.stringify(readChainEnv({ NEXT_PUBLIC_CHAINS: DEVNET_CHAIN_IDS })));
    expect((await import("../did/server")).createServerResolverDeps().defaultChainId).toBe(31337);
  });

  it("NEXT_PUBLIC_CHAINS picks and orders the chains", async () => {
    const { chainConfigs } = await loadConfig({ NEXT_PUBLIC_CHAINS: "4689, 4690" });
    expect(chainConfigs.map((c) => c.chain.id)).toEqual([4689, 4690]);
  });

  it("refuses an unknown chain id with the accepted ones", () => {
    expect(() => readChainEnv({ NEXT_PUBLIC_CHAINS: "4689,1" })).toThrow("NEXT_PUBLIC_CHAINS must list chain ids among 4689, 4690, 31337");
  });

  it("applies a per-chain override, checksummed, to the config and the chain's RPC", async () => {
    const { getChainConfig } = await loadConfig({
      NEXT_PUBLIC_CHAIN_4690: JSON.stringify({
        rpcUrl: "https://rpc.example.org/testnet",
        ioIDRegistry: "0x" + "ab".repeat(20),
        deviceNFTs: [{ address: "0x" + "cd".repeat(20), label: "Sensor" }],
        logsFromBlock: "123",
      }),
    });
    const testnet = getChainConfig(4690)!;
    expect(testnet.rpcUrl).toBe("https://rpc.example.org/testnet");
    expect(testnet.chain.rpcUrls.default.http).toEqual(["https://rpc.example.org/testnet"]);
    expect(testnet.contracts.ioIDRegistry).toBe(getAddress("0x" + "ab".repeat(20)));
    expect(testnet.contracts.ioID).toBe("0x45Ce3E6f526e597628c73B731a3e9Af7Fc32f5b7");
    expect(testnet.deviceNFTs).toEqual([{ address: getAddress("0x" + "cd".repeat(20)), label: "Sensor" }]);
    expect(testnet.logsFromBlock).toBe(123n);
    expect(getChainConfig(4689)!.contracts.ioIDRegistry).toBe("0x04e4655Cf258EC802D17c23ec6112Ef7d97Fa2aF");
  });

  it.each([
    ["not JSON", "{ioIDRegistry:", "NEXT_PUBLIC_CHAIN_4689 must be a JSON object"],
    ["a bad address", JSON.stringify({ ioIDRegistry: "0x1234" }), "not a 0x address"],
    ["an unknown key", JSON.stringify({ registry: "0x" + "ab".repeat(20) }), "registry"],
    ["a negative block", JSON.stringify({ logsFromBlock: -1 }), "logsFromBlock"],
    ["an empty label", JSON.stringify({ deviceNFTs: [{ address: "0x" + "cd".repeat(20), label: "" }] }), "deviceNFTs"],
  ])("refuses an override with %s, naming the variable and the problem", (_case, raw, message) => {
    const error = (() => {
      try {
        readChainEnv({ NEXT_PUBLIC_CHAIN_4689: raw });
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error?.name).toBe("ChainConfigError");
    expect(error?.message).toContain("NEXT_PUBLIC_CHAIN_4689");
    expect(error?.message).toContain(message);
  });
});
