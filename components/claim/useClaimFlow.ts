"use client";

import { useQuery } from "@tanstack/react-query";
import { useCallback, useEffect, useReducer, useRef } from "react";
import { isAddressEqual, parseEther, type Address } from "viem";
import { useAccount, useChainId, useClient, useConfig } from "wagmi";
import { getChainConfig } from "@/lib/chain/config";
import type { DeviceNFTGroup } from "@/lib/chain/ownerNfts/types";
import { explainError } from "@/lib/chain/revertMessages";
import { ClaimExecutionError } from "@/lib/claim/walletSteps";
import { claimReducer, type ClaimFailure, type ClaimResult, type ClaimState, type SourceKind } from "@/lib/claim/machine";
import type { ClaimCheckResult } from "@/lib/claim/runChecks";
import { devnet } from "@/lib/chain/chains";
import { isDeviceError } from "@/lib/device/errors";
import type { ClaimInput } from "@/lib/device/payload";
import type { DeviceSession } from "@/lib/device/session";
import { clearClaim, readStoredClaim, saveClaim } from "./claimStorage";
import { useOwnerNfts } from "./useOwnerNfts";
import { wagmiClaimWallet } from "./wagmiClaimWallet";

const loadVerifier = () => import("./verifier");

export interface ClaimDraft {
  /** What the source gave, verbatim: re-parsed on resume, so nothing the owner scanned is lost. */
  raw: string;
  input: ClaimInput;
  nft: { contract: Address; tokenId?: bigint | undefined } | undefined;
  /** The last verification, kept for the UI (checklist, preflight, document). */
  checks?: ClaimCheckResult | undefined;
}

export type ClaimFlowState = ClaimState<ClaimDraft>;

/** What an embedding host (or analytics) hears about a claim; see lib/embed for the wire format. */
export type ClaimFlowEvent =
  | { type: "started" }
  | { type: "submitted"; txHash: `0x${string}` }
  | { type: "succeeded"; result: ClaimResult }
  | { type: "failed"; error: ClaimFailure };

// IoTeX charges 1,000 Gwei per gas; a registration with approval costs up to ~0.6 IOTX there.
const gasReserveFor = (chainId: number) => (chainId === devnet.id ? parseEther("0.01") : parseEther("1"));

export function toFailure(error: unknown): ClaimFailure {
  if (isDeviceError(error)) return { code: `device:${error.code}`, message: error.message };
  if (error instanceof ClaimExecutionError) return { code: `claim:${error.code}`, message: error.message, action: "Check again, then retry." };
  const explained = explainError(error);
  return { code: explained.code, message: explained.message, action: explained.action };
}

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
  const emit = useRef(onEvent);
  useEffect(() => {
    emit.current = onEvent;
  }, [onEvent]);
  const [state, dispatch] = useReducer(claimReducer<ClaimDraft>, { phase: "idle" });
  const { address: owner, status } = useAccount();
  const chainId = useChainId();
  const config = useConfig();
  // The bare transport client: viem's public actions (usePublicClient) come with every action viem has, curves
  // included; the verifier chunk adds them when a read is actually made (publicClientOf).
  const client = useClient({ chainId });
  const chainConfig = getChainConfig(chainId);
  // Live device links (BLE, serial) cannot be serialised into state; HTTP ones are re-created from the input.
  const liveSession = useRef<DeviceSession | undefined>(undefined);
  const resumed = useRef(false);
  // Leaving the page closes a live device link: a serial port stays locked to this tab until closed.
  useEffect(() => () => void liveSession.current?.close(), []);

  // Which device NFTs the owner holds does not depend on the device: discovered as soon as the wallet is known,
  // so scanning a device costs the claim one read, not two.
  const ownerNfts = useOwnerNfts(client, chainConfig, owner);
  const groups = ownerNfts.data?.groups;
  const draftInput = state.phase === "idle" ? undefined : state.input;
  const fallbackNft = (input: ClaimInput | undefined): ClaimDraft["nft"] =>
    requiredDeviceNFT ? { contract: requiredDeviceNFT } : discoveredDefault(groups, input?.projectName) ?? defaultNft(chainConfig?.deviceNFTs ?? []);
  const collection = (draftInput?.nft ?? fallbackNft(draftInput?.input))?.contract;
  const discovered = groups?.find((g) => collection && isAddressEqual(g.contract, collection));
  // A collection discovery did not list (pasted, or held from before the scanned blocks): its Transfer logs.
  const candidates = useQuery({
    queryKey: ["owner-token-candidates", chainId, collection, owner],
    enabled: Boolean(collection && owner && client && chainConfig && !ownerNfts.isLoading && !discovered),
    queryFn: async () => {
      const { ownerTokenCandidates, publicClientOf } = await loadVerifier();
      return ownerTokenCandidates(publicClientOf(client!), { contract: collection!, owner: owner!, fromBlock: chainConfig!.logsFromBlock });
    },
    staleTime: 30_000,
  });
  const candidatesSettled = !candidates.isLoading && !ownerNfts.isLoading;
  const candidateIds = discovered ? discovered.tokens.map((t) => t.tokenId) : candidates.data;

  const submitInput = useCallback(async (raw: string, source: SourceKind, session?: DeviceSession) => {
    try {
      const { parseClaimInput } = await loadVerifier();
      const input = parseClaimInput(raw, { appOrigin: window.location.origin });
      if (requiredDeviceNFT && input.deviceNFT && !isAddressEqual(input.deviceNFT.contract, requiredDeviceNFT)) {
        void session?.close();
        dispatch({ type: "input-rejected", error: otherCollection(input.deviceNFT.contract, requiredDeviceNFT) });
        return;
      }
      void liveSession.current?.close();
      liveSession.current = session;
      const nft = input.deviceNFT && { contract: input.deviceNFT.contract, tokenId: input.deviceNFT.tokenId };
      dispatch({ type: "input", input: { raw, input, nft }, source });
    } catch (error) {
      void session?.close();
      dispatch({ type: "input-rejected", error: toFailure(error) });
    }
  }, [requiredDeviceNFT]);

  const chooseNft = useCallback(
    (nft: ClaimDraft["nft"]) => {
      if (state.phase === "checked" || state.phase === "failed" || state.phase === "checking") {
        dispatch({ type: "input", input: { ...state.input, nft, checks: undefined }, source: state.source });
      }
    },
    [state],
  );

  // Verification runs whenever a claim is waiting for it and a wallet is there to verify it for.
  useEffect(() => {
    if (state.phase !== "checking" || !owner || !client || !chainConfig || !candidatesSettled) return;
    let cancelled = false;
    const { input, nft } = state.input;
    const collection = nft ?? fallbackNft(input);
    loadVerifier()
      .then(({ createHttpDeviceSession, runClaimChecks, publicClientOf }) =>
        runClaimChecks(input, collection, {
          client: publicClientOf(client),
          chainId,
          registry: chainConfig.contracts.ioIDRegistry,
          owner,
          gasReserve: gasReserveFor(chainId),
          session: liveSession.current ?? (input.endpoint ? createHttpDeviceSession(input.endpoint) : undefined),
          requiredProjectId,
          // A failed log scan only costs the picker its list; the owner can still type a token id.
          candidates: candidateIds,
        }),
      )
      .then((checks) => {
        if (cancelled) return;
        dispatch({
          type: "checked",
          checklist: checks.checklist,
          plan: checks.plan,
          input: { ...state.input, nft: checks.preflight.nft ?? nft, checks },
        });
      })
      .catch((error: unknown) => !cancelled && dispatch({ type: "failed", error: toFailure(error) }));
    return () => {
      cancelled = true;
    };
    // Re-run only for a new check request, a different owner or chain, not on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state.phase, state.phase === "checking" ? state.input : undefined, owner, chainId, candidatesSettled]);

  const submit = useCallback(async () => {
    if (state.phase !== "checked" || !state.checklist.ok || !owner || !client || !chainConfig) return;
    const { input, plan, source } = state;
    dispatch({ type: "submit" });
    emit.current?.({ type: "started" });
    const hashes: `0x${string}`[] = [];
    const persist = () => saveClaim({ raw: input.raw, source, nft: input.nft, chainId, owner, hashes });
    persist();
    try {
      const { claimResultFromReceipt, executePlan, simulateRegister, publicClientOf } = await loadVerifier();
      const publicClient = publicClientOf(client);
      const receipt = await executePlan(plan, wagmiClaimWallet(config, chainId), {
        onPrompt: (step) => dispatch({ type: "prompt", step }),
        onSent: (hash) => {
          hashes.push(hash);
          persist();
          dispatch({ type: "sent", hash });
          emit.current?.({ type: "submitted", txHash: hash });
        },
        recheck: (call) => simulateRegister({ client: publicClient, owner }, call),
      });
      const device = input.checks?.subject.device ?? input.input.device!;
      const result = claimResultFromReceipt(receipt, chainConfig.contracts.ioID, device);
      dispatch({ type: "done", result });
      emit.current?.({ type: "succeeded", result });
      clearClaim();
      // The device has signed and the claim is done: release the link (port, GATT connection).
      void liveSession.current?.close();
      liveSession.current = undefined;
    } catch (error) {
      // Nothing left in flight: a reload should start from the device data, not wait for a dead transaction.
      if (hashes.length === 0) clearClaim();
      const failure = toFailure(error);
      dispatch({ type: "failed", error: failure });
      emit.current?.({ type: "failed", error: failure });
    }
  }, [state, owner, client, chainConfig, chainId, config]);

  // After a reload: finish a claim whose transactions were already sent, or restart it from the device data.
  useEffect(() => {
    if (resumed.current || status === "connecting" || status === "reconnecting" || !client || !chainConfig) return;
    resumed.current = true;
    const saved = readStoredClaim();
    if (saved === undefined) return;
    void (async () => {
      const { claimResultFromReceipt, parseClaimInput, parseStoredClaim, publicClientOf } = await loadVerifier();
      const stored = parseStoredClaim(saved);
      if (!stored) return clearClaim();
      if (stored.chainId !== chainId) return;
      if (requiredDeviceNFT && stored.nft && !isAddressEqual(stored.nft.contract, requiredDeviceNFT)) return;
      let input: ClaimInput;
      try {
        input = parseClaimInput(stored.raw, { appOrigin: window.location.origin });
      } catch {
        clearClaim();
        return;
      }
      const draft: ClaimDraft = { raw: stored.raw, input, nft: stored.nft };
      if (stored.hashes.length === 0) {
        dispatch({ type: "input", input: draft, source: stored.source });
        return;
      }
      dispatch({ type: "resume", input: draft, source: stored.source, hashes: stored.hashes });
      try {
        const publicClient = publicClientOf(client);
        const receipts = await Promise.all(stored.hashes.map((hash) => publicClient.waitForTransactionReceipt({ hash })));
        const registered = receipts.find((r) => r.status === "success" && r.to?.toLowerCase() === chainConfig.contracts.ioIDRegistry.toLowerCase());
        // A device URL's input has no address until the device answers: the receipt's DID names it.
        if (registered) {
          dispatch({ type: "done", result: claimResultFromReceipt(registered, chainConfig.contracts.ioID, input.device) });
          clearClaim();
          return;
        }
        // Only the approval went through: verify again; the plan is now `register` alone.
        saveClaim({ ...stored, hashes: [] });
        dispatch({ type: "failed", error: { code: "claim:resumed", message: "Your approval is on chain; the registration was not sent before the page closed.", action: "Check again and confirm the registration." } });
      } catch (error) {
        dispatch({ type: "failed", error: toFailure(error) });
      }
    })();
  }, [status, client, chainConfig, chainId, requiredDeviceNFT]);

  const reset = useCallback(() => {
    void liveSession.current?.close();
    liveSession.current = undefined;
    clearClaim();
    dispatch({ type: "reset" });
  }, []);

  const recheck = useCallback(() => dispatch({ type: "recheck" }), []);

  return { state, owner, chainConfig, ownerNfts: groups, submitInput, chooseNft, submit, reset, recheck };
}

function otherCollection(found: Address, required: Address): ClaimFailure {
  const short = (a: Address) => `${a.slice(0, 6)}…${a.slice(-4)}`;
  return {
    code: "claim:other-collection",
    message: `This device's NFT is in collection ${short(found)}, but this page only claims devices of collection ${short(required)}.`,
  };
}

/** Until the owner picks, the chain's first known collection is tried (the picker offers the others). */
function defaultNft(known: { address: Address }[]): ClaimDraft["nft"] {
  return known[0] && { contract: known[0].address };
}

/** The payload's project if the owner holds its NFTs, else the first project with a token still unused. */
function discoveredDefault(groups: DeviceNFTGroup[] | undefined, projectName: string | undefined): ClaimDraft["nft"] {
  const usable = (groups ?? []).filter((g) => g.tokens.some((t) => !t.used));
  const named = projectName === undefined ? undefined : usable.find((g) => g.projectName === projectName);
  const group = named ?? usable[0];
  const token = group?.tokens.find((t) => !t.used);
  return group && token && { contract: group.contract, tokenId: token.tokenId };
}
