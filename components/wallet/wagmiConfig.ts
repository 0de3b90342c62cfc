import { http, type Transport } from "viem";
import { cookieStorage, cookieToInitialState, createConfig, createStorage, type CreateConnectorFn, type State } from "wagmi";
import { chainConfigs } from "@/lib/chain/config";

/**
 * The wagmi config without wallet UI: the server uses it to read the connection cookie, the client adds
 * RainbowKit's connectors (see walletConnectors.ts) so the server never imports client-only code. `ssr: false`
 * for a config created after hydration (walletStack.tsx): it then restores the cookie's state at once.
 */
export function createWagmiConfig(connectors: CreateConnectorFn[] = [], { ssr = true }: { ssr?: boolean } = {}) {
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
    ssr,
  });
}

export type WagmiConfig = ReturnType<typeof createWagmiConfig>;

/**
 * The wallet state the server renders with, read from wagmi's cookie: only when a wallet was connected. wagmi
 * hydrates any state it is given as "reconnecting", so a visitor who merely opened a page before (the cookie
 * then holds no connection) would get a server-rendered "Connecting to your wallet…" that flips to "Connect" once
 * the client finds nothing to reconnect: a layout shift and a late largest paint.
 */
export function walletStateFromCookie(cookie: string | null | undefined): State | undefined {
  const state = cookieToInitialState(createWagmiConfig(), cookie);
  return state?.current && state.connections.size > 0 ? state : undefined;
}
