import { connectorsForWallets, type Wallet, type WalletList } from "@rainbow-me/rainbowkit";
import {
  injectedWallet,
  iopayWallet,
  metaMaskWallet,
  okxWallet,
  walletConnectWallet,
} from "@rainbow-me/rainbowkit/wallets";
import { createConnector } from "wagmi";
import { mock } from "wagmi/connectors";

// RainbowKit refuses an empty id; the placeholder only disables WalletConnect relays, it breaks nothing else.
const walletConnectProjectId = process.env.NEXT_PUBLIC_WC_PROJECT_ID || "00000000000000000000000000000000";

/** Test builds (NEXT_PUBLIC_E2E=1) add a wallet backed by the devnet's unlocked anvil accounts. */
const e2eBuild = process.env.NEXT_PUBLIC_E2E === "1";

// anvil's first two well-known accounts: the devnet seeds device NFTs to both.
const e2eAccounts = [
  "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266",
  "0x70997970C51812dc3A010C7d01b50e0D4F64a90d",
] as const;

function e2eWallet(): Wallet {
  return {
    id: "e2e",
    name: "Test wallet (devnet)",
    iconUrl: "/icons/test-wallet.svg",
    iconBackground: "#10b981",
    installed: true,
    createConnector: (walletDetails) =>
      createConnector((config) => ({
        ...mock({ accounts: [...e2eAccounts], features: { reconnect: true } })(config),
        ...walletDetails,
      })),
  };
}

const walletGroups: WalletList = [
  { groupName: "Popular on IoTeX", wallets: [injectedWallet, metaMaskWallet, iopayWallet, okxWallet, walletConnectWallet] },
  ...(e2eBuild ? [{ groupName: "Testing", wallets: [e2eWallet] }] : []),
];

export function walletConnectors() {
  return connectorsForWallets(walletGroups, { appName: "ioID Device Wallet", projectId: walletConnectProjectId });
}
