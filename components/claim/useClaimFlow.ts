"use client";

import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from "react";
import type { Address } from "viem";
import { getChainConfig } from "@/lib/chain/config";
import type { ClaimController, ClaimFlowEvent, ClaimFlowState } from "@/lib/claim/controllerPorts";
import { clearClaim, readStoredClaim, saveClaim } from "./claimStorage";
import { useWalletAccount, useWalletChainId, useWalletStack } from "@/components/wallet/walletStackContext";
import { browserCursorStore } from "@/components/ui/browserCursorStore";
import { useLaterMessages } from "@/components/i18n/CatalogProvider";
import { clientNamespaces } from "@/components/i18n/clientNamespaces";

const idle: ClaimFlowState = { phase: "idle" };
const noSubscription = () => () => {};
type Input = Parameters<ClaimController["submitInput"]>;
/** An input the owner gave before the controller was there: none, one waiting for it, or it could not load. */
export type EarlyInput = "none" | "waiting" | "failed";

/**
 * The claim controller (lib/claim/controller.ts) bound to wagmi's account, chain and wallet and to this tab's storage.
 * The controller, the UI that follows an input (`loadUi`) and their catalog parts load on the first input, a
 * claim to resume, or a connected wallet (its device NFTs are looked up at once): until then the page is the
 * source picker alone, which is all the first paint needs.
 */
export function useClaimFlow<Ui>({
  requiredProjectId,
  requiredDeviceNFT,
  onEvent,
  loadUi,
}: {
  requiredProjectId?: bigint | undefined;
  /** Restriction by an embedding project: only this device-NFT collection (the picker is fixed to it). */
  requiredDeviceNFT?: Address | undefined;
  onEvent?: ((event: ClaimFlowEvent) => void) | undefined;
  loadUi: () => Promise<Ui>;
}) {
  const [live, setLive] = useState<{ controller: ClaimController; ui: Ui }>();
  const [early, setEarly] = useState<EarlyInput>("none");
  const loading = useRef<Promise<unknown>>(undefined);
  // The owner's latest input while the controller loads: handed over once it is there.
  const queued = useRef<Input>(undefined);
  const controller = live?.controller;
  const state = useSyncExternalStore(controller?.subscribe ?? noSubscription, controller?.getState ?? (() => idle), () => idle);
  const ownerNfts = useSyncExternalStore(controller?.subscribe ?? noSubscription, controller?.ownerNfts ?? (() => undefined), () => undefined);
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
  const { ensure: ensureMessages } = useLaterMessages();

  const prepare = useCallback(() => {
    loading.current ??= Promise.all([
      import("@/lib/claim/controller"),
      // The controller's first step (parse the input, or look up the owner's NFTs) loads this: now, alongside.
      import("@/lib/claim/verifier"),
      loadUi(),
      // The words of the checks and their failures, before anything that says them renders.
      ensureMessages(clientNamespaces.claimAfterInput),
    ]).then(
      ([{ createClaimController }, , ui]) => {
        const controller = createClaimController({
          storage: { read: readStoredClaim, save: saveClaim, clear: clearClaim },
          clock: () => Date.now(),
          appOrigin: () => window.location.origin,
          requiredProjectId,
          requiredDeviceNFT,
          cursors: browserCursorStore(),
        });
        setLive({ controller, ui });
      },
      () => {
        // Offline, or a new deployment replaced the chunks: the next input tries again.
        loading.current = undefined;
        setEarly((was) => (was === "waiting" ? "failed" : was));
      },
    );
  }, [loadUi, ensureMessages, requiredProjectId, requiredDeviceNFT]);

  // A claim this tab started before a reload resumes on the chain: that needs the stack and the controller now.
  useEffect(() => {
    if (readStoredClaim() !== undefined) {
      load();
      prepare();
    }
  }, [load, prepare]);
  // A connected wallet: its device NFTs are discovered before the device is in hand.
  useEffect(() => {
    if (owner && client) prepare();
  }, [owner, client, prepare]);
  useEffect(() => controller?.setContext({ owner, chain: chainConfig, client, wallet, walletSettled }), [controller, owner, chainConfig, client, wallet, walletSettled]);
  // After the context effect above: the queued input is checked for the owner and chain already set.
  useEffect(() => {
    if (!controller || !queued.current) return;
    const input = queued.current;
    queued.current = undefined;
    void controller.submitInput(...input);
  }, [controller]);
  useEffect(() => (onEvent && controller ? controller.listen(onEvent) : undefined), [controller, onEvent]);
  // Leaving the page closes a live device link: a serial port stays locked to this tab until closed.
  useEffect(() => () => controller?.dispose(), [controller]);

  const submitInput = useCallback(
    (...input: Input) => {
      // A device in hand: the checks come next and need the wallet stack, so it starts loading now.
      load();
      if (controller) return void controller.submitInput(...input);
      queued.current = input;
      setEarly("waiting");
      prepare();
    },
    [controller, load, prepare],
  );

  return {
    state,
    owner,
    chainConfig,
    ownerNfts,
    ui: live?.ui,
    early: live ? ("none" as EarlyInput) : early,
    submitInput,
    chooseNft: useCallback<ClaimController["chooseNft"]>((nft) => controller?.chooseNft(nft), [controller]),
    submit: useCallback(() => controller?.submit() ?? Promise.resolve(), [controller]),
    reset: useCallback(() => controller?.reset(), [controller]),
    recheck: useCallback(() => controller?.recheck(), [controller]),
    contactDevice: useCallback(() => controller?.contactDevice(), [controller]),
  };
}

export type ClaimFlowHandle<Ui> = ReturnType<typeof useClaimFlow<Ui>>;
