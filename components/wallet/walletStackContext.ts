"use client";

import { createContext, useContext, useMemo, useSyncExternalStore } from "react";
import type { Address } from "viem";
import type { State } from "wagmi";
import type { ClaimWallet } from "@/lib/claim/execute";
import { defaultChainConfig } from "@/lib/chain/config";
import type { WagmiConfig } from "./wagmiConfig";

/**
 * The wallet stack (wagmi, viem, the connectors, react-query) as the page sees it: `config` is undefined until
 * the stack has loaded, which happens on intent (a wallet button), when a wallet was connected before, or when
 * a part of the page that needs the chain asks for it (`load`).
 */
export interface WalletStack {
  config: WagmiConfig | undefined;
  /** The wallet port (wagmiWallet.ts) on a chain, with the stack: its wagmi actions load with it. */
  walletOn: ((chainId: number) => ClaimWallet) | undefined;
  load(): void;
  /** What the server rendered with: wagmi's cookie state, or undefined when no wallet was connected. */
  initialState: State | undefined;
}

export const WalletStackContext = createContext<WalletStack | null>(null);

export function useWalletStack(): WalletStack {
  const stack = useContext(WalletStackContext);
  if (!stack) throw new Error("useWalletStack() needs the wallet providers (components/wallet/LazyWalletProviders.tsx) above it");
  return stack;
}

export interface WalletAccount {
  address: Address | undefined;
  /** The wallet's chain while connected. */
  chainId: number | undefined;
  status: State["status"];
}

const disconnected: WalletAccount = { address: undefined, chainId: undefined, status: "disconnected" };
const noSubscription = () => () => {};

function accountOf(state: State): WalletAccount {
  const connection = state.current ? state.connections.get(state.current) : undefined;
  if (!connection) return state.status === "disconnected" ? disconnected : { ...disconnected, status: state.status };
  return { address: connection.accounts[0], chainId: connection.chainId, status: state.status };
}

/** The state pages render before the stack loads: wagmi reconnects a remembered wallet, so it reads "reconnecting". */
function preloadState(initialState: State | undefined): State | undefined {
  return initialState && { ...initialState, status: "reconnecting" };
}

/** wagmi's state, live once the stack has loaded, from the cookie before (the server renders the same). */
function useWagmiState(): State | undefined {
  const { config, initialState } = useWalletStack();
  const before = useMemo(() => preloadState(initialState), [initialState]);
  return useSyncExternalStore(
    config ? (onChange) => config.subscribe((s) => s, onChange) : noSubscription,
    () => (config ? config.state : before),
    () => before,
  );
}

/** `useAccount()` without loading wagmi: address, chain and status of the connected wallet. */
export function useWalletAccount(): WalletAccount {
  const state = useWagmiState();
  return useMemo(() => (state ? accountOf(state) : disconnected), [state]);
}

/** `useChainId()` without loading wagmi: the wallet's chain, else the app's default chain. */
export function useWalletChainId(): number {
  return useWagmiState()?.chainId ?? defaultChainConfig.chain.id;
}
