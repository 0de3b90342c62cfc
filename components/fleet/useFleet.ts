"use client";

import { useEffect, useState, useSyncExternalStore } from "react";
import { parseEther } from "viem";
import { useAccount, useChainId, useClient } from "wagmi";
import { devnet } from "@/lib/chain/chains";
import { getChainConfig } from "@/lib/chain/config";
import type { ClaimWallet } from "@/lib/claim/execute";
import { createFleetController, type FleetControllerParts } from "@/lib/claim/fleet/controller";
import { initialFleetState } from "@/lib/claim/fleet/queueState";
import { fleetStorage } from "./fleetStorage";

// IoTeX charges 1,000 Gwei per gas; a registration costs up to ~0.6 IOTX there.
const gasReserve = (chainId: number) => (chainId === devnet.id ? parseEther("0.01") : parseEther("1"));

/** What a host of the fleet claim may set: the embed restricts it to a project or collection and hears each outcome. */
export type FleetOptions = Pick<FleetControllerParts, "requiredProjectId" | "requiredDeviceNFT" | "onOutcome">;

/** The fleet controller (lib/claim/fleet/controller.ts) bound to wagmi's account and chain, the given wallet and this tab's storage. */
export function useFleet(wallet: ClaimWallet | undefined, options: FleetOptions) {
  // The controller lives as long as the page: its restrictions and outcome listener are the first render's.
  const [controller] = useState(() =>
    createFleetController({
      storage: fleetStorage,
      appOrigin: () => window.location.origin,
      gasReserve,
      requiredProjectId: options.requiredProjectId,
      requiredDeviceNFT: options.requiredDeviceNFT,
      onOutcome: options.onOutcome,
    }),
  );
  const state = useSyncExternalStore(controller.subscribe, controller.getState, () => initialFleetState);
  const { address: owner, status } = useAccount();
  const chainId = useChainId();
  const client = useClient({ chainId });
  const chainConfig = getChainConfig(chainId);
  const walletSettled = status !== "connecting" && status !== "reconnecting";
  useEffect(() => controller.setContext({ owner, chain: chainConfig, client, wallet, walletSettled }), [controller, owner, chainConfig, client, wallet, walletSettled]);
  return { state, controller, owner, chainConfig };
}
