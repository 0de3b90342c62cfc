"use client";

import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from "react";
import type { Address } from "viem";
import { getChainConfig } from "@/lib/chain/config";
import { createClaimController } from "@/lib/claim/controller";
import type { ClaimFlowEvent, ClaimFlowState } from "@/lib/claim/controllerPorts";
import { clearClaim, readStoredClaim, saveClaim } from "./claimStorage";
import { useWalletAccount, useWalletChainId, useWalletStack } from "@/components/wallet/walletStackContext";
import { browserCursorStore } from "@/components/ui/browserCursorStore";

const idle: ClaimFlowState = { phase: "idle" };

/** The claim controller (lib/claim/controller.ts) bound to wagmi's account, chain and wallet and to this tab's storage. */
export function useClaimFlow({
  requiredProjectId,
  requiredDeviceNFT,
  onEvent,
}: {
  requiredProjectId?: bigint | undefined;
  /** Restriction by an embedding project: only this device-NFT collection (the picker is fixed to it). */
  requiredDeviceNFT?: Address | undefined;
  onEvent?: ((event: ClaimFlowEvent) => void) | undefined;
} = {}) {
  const [controller] = useState(() =>
    createClaimController({
      storage: { read: readStoredClaim, save: saveClaim, clear: clearClaim },
      clock: () => Date.now(),
      appOrigin: () => window.location.origin,
      requiredProjectId,
      requiredDeviceNFT,
      cursors: browserCursorStore(),
    }),
  );
  const state = useSyncExternalStore(controller.subscribe, controller.getState, () => idle);
  const ownerNfts = useSyncExternalStore(controller.subscribe, controller.ownerNfts, () => undefined);
  // Read without wagmi's hooks: the claim page renders and takes input before the wallet stack has loaded
  // (LazyWalletProviders.tsx); the checks need an owner, and an owner means the stack is there.
  const { address: owner, status } = useWalletAccount();
  const chainId = useWalletChainId();
  const { config, walletOn, load } = useWalletStack();
  // The bare transport client: viem's public actions (usePublicClient) come with every action viem has, curves
  // included; the verifier chunk adds them when a read is actually made (publicClientOf).
  const client = useMemo(() => config?.getClient({ chainId }), [config, chainId]);
  const chainConfig = getChainConfig(chainId);
  const wallet = useMemo(() => walletOn?.(chainId), [walletOn, chainId]);
  const walletSettled = config !== undefined && status !== "connecting" && status !== "reconnecting";

  // A claim this tab started before a reload resumes on the chain: that needs the stack now, wallet or not.
  useEffect(() => {
    if (readStoredClaim() !== undefined) load();
  }, [load]);
  useEffect(() => controller.setContext({ owner, chain: chainConfig, client, wallet, walletSettled }), [controller, owner, chainConfig, client, wallet, walletSettled]);
  useEffect(() => (onEvent ? controller.listen(onEvent) : undefined), [controller, onEvent]);
  // Leaving the page closes a live device link: a serial port stays locked to this tab until closed.
  useEffect(() => () => controller.dispose(), [controller]);

  return {
    state,
    owner,
    chainConfig,
    ownerNfts,
    submitInput: useCallback<typeof controller.submitInput>(
      (...args) => {
        // A device in hand: the checks come next and need the wallet stack, so it starts loading now.
        load();
        return controller.submitInput(...args);
      },
      [controller, load],
    ),
    chooseNft: controller.chooseNft,
    submit: controller.submit,
    reset: controller.reset,
    recheck: controller.recheck,
    contactDevice: controller.contactDevice,
  };
}
