import { http, type Transport } from "viem";
import { cookieStorage, createConfig, createStorage, type CreateConnectorFn } from "wagmi";
import { chainConfigs } from "@/lib/chain/config";

/**
 * The wagmi config without wallet UI: the server uses it to read the connection cookie, the client adds
 * RainbowKit's connectors (see walletConnectors.ts) so the server never imports client-only code.
 */
export function createWagmiConfig(connectors: CreateConnectorFn[] = []) {
  const chains = chainConfigs.map((c) => c.chain);
  return createConfig({
    chains: [chains[0]!, ...chains.slice(1)],
    transports: Object.fromEntries(chainConfigs.map((c) => [c.chain.id, http(c.rpcUrl, { batch: { wait: 8 } })])) as Record<
      number,
      Transport
    >,
    connectors,
    // Cookies, not localStorage, so the server renders the same connection state the client will hydrate.
    storage: createStorage({ storage: cookieStorage }),
    ssr: true,
  });
}

export type WagmiConfig = ReturnType<typeof createWagmiConfig>;
