import type { Wallet, WalletDetailsParams, WalletList } from "@rainbow-me/rainbowkit";
import {
  injectedWallet,
  iopayWallet,
  metaMaskWallet,
  okxWallet,
  walletConnectWallet,
} from "@rainbow-me/rainbowkit/wallets";
import { UserRejectedRequestError } from "viem";
import { createConnector, type CreateConnectorFn } from "wagmi";
import { mock } from "wagmi/connectors";
import { e2eCallsStatus, e2eSendCalls, refuseBundle } from "./e2eBundles";
import { withLazyWalletSdk } from "./lazyWalletSdk";
import type { WalletNames } from "./walletNames";

// RainbowKit refuses an empty id; the placeholder only disables WalletConnect relays, it breaks nothing else.
const walletConnectProjectId = process.env.NEXT_PUBLIC_WC_PROJECT_ID || "00000000000000000000000000000000";

/** Test builds (NEXT_PUBLIC_E2E=1) add a wallet backed by the devnet's unlocked anvil accounts. */
const e2eBuild = process.env.NEXT_PUBLIC_E2E === "1";

// anvil's first two well-known accounts: the devnet seeds device NFTs to both.
const e2eAccounts = [
  "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266",
  "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
] as const;

/** `?e2eAccount=1` on page load makes anvil account 1 the active one, so a test can act as a second owner. */
function e2eAccountOrder(): [`0x${string}`, `0x${string}`] {
  const wanted = typeof window === "undefined" ? null : new URLSearchParams(window.location.search).get("e2eAccount");
  return wanted === "1" ? [e2eAccounts[1], e2eAccounts[0]] : [e2eAccounts[0], e2eAccounts[1]];
}

/**
 * What an e2e spec can make the test wallet do, through `window.__e2eWallet` (set it with page.evaluate, or with
 * addInitScript before the page loads for `atomic`):
 * - `rejectNext`: the next prompt (a transaction or a batch) is declined, as a person pressing "Reject" would;
 *   `skip` first lets that many prompts through. Both reset once used.
 * - `atomic`: the wallet announces EIP-5792 atomic batching on every chain (the mock sends the calls in order).
 * - `sequential`: the wallet speaks EIP-5792 without atomicity (status "unsupported"): one prompt per bundle, its
 *   calls then sent as separate transactions; `maxCalls` caps a bundle (a larger one is refused as too large).
 * Bundles of either kind are kept across reloads (e2eBundles.ts).
 * - `remember`: like an installed wallet, it remembers that this site is connected, so a reload reconnects
 *   (wagmi's mock forgets on every page load).
 */
interface E2eWalletControls {
  rejectNext?: boolean;
  skip?: number;
  atomic?: boolean;
  sequential?: boolean;
  maxCalls?: number;
  remember?: boolean;
  /** Written by the wallet: how many prompts it has shown. */
  prompts?: number;
}

const promptMethods = new Set(["eth_sendTransaction", "wallet_sendCalls"]);
const rememberedKey = "e2e-wallet:connected";
const e2eControls = () => (window as Window & { __e2eWallet?: E2eWalletControls }).__e2eWallet ?? {};

type MockProvider = { request(args: { method: string; params?: unknown }): Promise<unknown> };

function withE2eControls<P extends MockProvider>(provider: P): P {
  const request: MockProvider["request"] = async (args) => {
    const controls = e2eControls();
    const bundles = controls.atomic || controls.sequential;
    if (args.method === "wallet_getCapabilities" && bundles) {
      const chainIds = (args.params as [unknown, string[]?] | undefined)?.[1] ?? [];
      return Object.fromEntries(chainIds.map((id) => [id, { atomic: { status: controls.atomic ? "supported" : "unsupported" } }]));
    }
    const forward = (a: { method: string; params?: unknown }) => provider.request(a);
    if (args.method === "wallet_getCallsStatus") return e2eCallsStatus(forward, args.params);
    if (args.method === "wallet_sendCalls" && bundles) refuseBundle(args.params, { atomic: controls.atomic === true, maxCalls: controls.maxCalls });
    if (promptMethods.has(args.method)) {
      controls.prompts = (controls.prompts ?? 0) + 1;
      if (controls.rejectNext) {
        if ((controls.skip ?? 0) > 0) controls.skip = (controls.skip ?? 0) - 1;
        else {
          controls.rejectNext = false;
          throw new UserRejectedRequestError(new Error("The test wallet declined the request."));
        }
      }
    }
    if (args.method === "wallet_sendCalls" && bundles) return e2eSendCalls(forward, args.params, controls.atomic === true);
    return provider.request(args);
  };
  return { ...provider, request };
}

function e2eWallet(): Wallet {
  return {
    id: "e2e",
    name: "Test wallet (devnet)",
    iconUrl: "/icons/test-wallet.svg",
    iconBackground: "#10b981",
    installed: true,
    createConnector: (walletDetails) =>
      createConnector((config) => {
        const base = mock({ accounts: e2eAccountOrder(), features: { reconnect: true } })(config);
        return {
          ...base,
          ...walletDetails,
          async getProvider(parameters?: { chainId?: number | undefined }) {
            return withE2eControls((await base.getProvider(parameters)) as MockProvider);
          },
          async connect(parameters) {
            const connection = await base.connect(parameters);
            if (e2eControls().remember) window.localStorage.setItem(rememberedKey, "1");
            return connection;
          },
          async disconnect() {
            window.localStorage.removeItem(rememberedKey);
            await base.disconnect();
          },
          async isAuthorized() {
            return e2eControls().remember === true && window.localStorage.getItem(rememberedKey) === "1";
          },
        };
      }),
  };
}

// Group names RainbowKit translates itself ("Popular", "Other"): the connectors are made once, when the wallet
// stack loads, so a heading worded then would stay in that language after a switch; RainbowKit words these at
// each render from its locale prop, which follows the page's.
const walletGroups: WalletList = [
  {
    groupName: "Popular",
    wallets: [injectedWallet, metaMaskWallet, iopayWallet, okxWallet, walletConnectWallet].map(withLazyWalletSdk),
  },
  ...(e2eBuild ? [{ groupName: "Other", wallets: [e2eWallet] }] : []),
];

/**
 * RainbowKit's `connectorsForWallets`, without importing RainbowKit's main entry (its dialogs load on demand,
 * see walletModals.tsx): each wallet's connector carries the `rkDetails` the connect dialog groups and draws it by.
 * WalletConnect gets a second connector that opens WalletConnect's own QR dialog, as RainbowKit does.
 */
function connectorsFor(groups: WalletList, appName: string): CreateConnectorFn[] {
  const metadata = { name: appName, description: appName, url: typeof window === "undefined" ? "" : window.location.origin, icons: [] };
  const seen = new Set<string>();
  const connectors: CreateConnectorFn[] = [];
  let index = -1;
  for (const [group, { groupName, wallets }] of groups.entries()) {
    for (const createWallet of wallets) {
      index++;
      const { createConnector: create, hidden, ...wallet } = createWallet({
        projectId: walletConnectProjectId,
        appName,
        options: { metadata },
        walletConnectParameters: { metadata },
      });
      if (seen.has(wallet.id) || hidden?.()) continue;
      seen.add(wallet.id);
      const details = (extra: object = {}): WalletDetailsParams => ({
        rkDetails: Object.fromEntries(
          Object.entries({ ...wallet, groupIndex: group + 1, groupName, index, isRainbowKitConnector: true, ...extra }).filter(([, v]) => v !== undefined),
        ) as WalletDetailsParams["rkDetails"],
      });
      if (wallet.id === "walletConnect") connectors.push(create(details({ isWalletConnectModalConnector: true, showQrModal: true })));
      connectors.push(create(details()));
    }
  }
  return connectors;
}

export function walletConnectors(names: WalletNames) {
  return connectorsFor(walletGroups, names.appName);
}
