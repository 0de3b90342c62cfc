import type { WalletList } from "@rainbow-me/rainbowkit";
import { ProviderNotFoundError } from "wagmi";

type CreateWallet = WalletList[number]["wallets"][number];

/**
 * Connector types whose provider is a vendor SDK loaded and started by getProvider(): WalletConnect (~190 KB gzip
 * and calls to its relays) and, on phones without MetaMask's in-app browser, the MetaMask SDK (~530 KB of
 * JavaScript, 1.5–3 s of main thread on Lighthouse's mid-range phone).
 */
const sdkConnectorTypes = new Set(["walletConnect", "metaMask"]);

// Set by the first pointer, touch or key press. Before it, only wagmi asks connectors for their provider: at
// config creation (each connector's setup()) and in reconnect-on-mount, which asks every connector in turn.
let interacted = false;
if (typeof window !== "undefined") {
  for (const type of ["pointerdown", "touchstart", "keydown"]) {
    window.addEventListener(type, () => void (interacted = true), { capture: true, once: true, passive: true });
  }
}

/**
 * SDK-backed connectors (WalletConnect itself; MetaMask, ioPay or OKX where not installed) would load their SDK
 * on every page load, before anyone asks for a wallet. Until the visitor interacts, they only hand out a provider
 * to reconnect a session they own (the stored recent connector); the SDK then loads when a wallet is picked in
 * the connect dialog. Their setup() (listening for sessions the wallet side starts) runs after the first provider
 * is handed out.
 */
export function withLazyWalletSdk(createWallet: CreateWallet): CreateWallet {
  return (params) => {
    const wallet = createWallet(params);
    return {
      ...wallet,
      createConnector: (details) => {
        const connectorFn = wallet.createConnector(details);
        return (config) => {
          const connector = connectorFn(config);
          if (!sdkConnectorTypes.has(connector.type) || !connector.setup) return connector;
          const { setup, getProvider, ...rest } = connector;
          let started = false;
          return {
            ...rest,
            async getProvider(this: { id: string }, ...args: Parameters<typeof getProvider>) {
              if (!interacted && (await config.storage?.getItem("recentConnectorId")) !== this.id) throw new ProviderNotFoundError();
              const provider = await getProvider.apply(this, args);
              if (!started) {
                started = true;
                void setup.call(this);
              }
              return provider;
            },
          };
        };
      },
    };
  };
}
