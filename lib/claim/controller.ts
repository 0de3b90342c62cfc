import { isAddressEqual, parseEther, type Address, type Client, type Hex } from "viem";
import { devnet } from "../chain/chains";
import { text } from "../i18n/text";
import type { ChainConfig } from "../chain/config";
import type { ClaimInput, ClaimProxy } from "./input/types";
import type { DeviceSession } from "../device/session";
import type { ClaimCheckDeps } from "./runChecks";
import type * as Verifier from "./verifier";
import type { ClaimContext, ClaimController, ClaimControllerParts, ClaimDraft, ClaimFlowEvent, ClaimFlowState } from "./controllerPorts";
import { otherCollection, toFailure } from "./failure";
import { claimReducer, type ClaimEvent } from "./machine";
import { createOwnerNftSource, discoveredDefault } from "./ownerNftSource";
import { bindingChange } from "./planBinding";
import type { SourceKind } from "./sourceKind";

// IoTeX charges 1,000 Gwei per gas; a registration with approval costs up to ~0.6 IOTX there.
const gasReserveFor = (chainId: number) => (chainId === devnet.id ? parseEther("0.01") : parseEther("1"));

/** A link reaches the device by its endpoint only once the owner asks; other doors are the owner's own action. */
const awaitsOwner = (input: ClaimInput, source: SourceKind, session?: DeviceSession): boolean => source === "link" && input.endpoint !== undefined && !session;

/** Drives one claim through the reducer: sessions, checks, submit, resume and host events, with no UI. */
export function createClaimController(parts: ClaimControllerParts): ClaimController {
  const load = parts.load ?? (() => import("./verifier"));
  const listeners = new Set<() => void>();
  const sinks = new Set<(event: ClaimFlowEvent) => void>();
  const emit = (event: ClaimFlowEvent) => sinks.forEach((sink) => sink(event));
  let state: ClaimFlowState = { phase: "idle" };
  let ctx: ClaimContext = { owner: undefined, chain: undefined, client: undefined, wallet: undefined, walletSettled: false };
  // Live device links (BLE, serial) cannot be serialised into state; HTTP ones are re-created from the input.
  let live: DeviceSession | undefined;
  let resumed = false;
  let binding = false;
  let inFlight: { input: ClaimDraft; key: string } | undefined;
  // Which device NFTs the owner holds does not depend on the device: discovered as soon as the wallet is known.
  const nfts = createOwnerNftSource({ load, clock: parts.clock, cursors: parts.cursors, onChange: () => listeners.forEach((listener) => listener()) });

  function dispatch(event: ClaimEvent<ClaimDraft>): void {
    const next = claimReducer(state, event);
    if (next === state) return;
    state = next;
    for (const listener of listeners) listener();
    runChecksIfDue();
  }

  const contextKey = () => `${ctx.chain?.chain.id}:${ctx.owner}:${ctx.chain?.contracts.ioIDRegistry}`;

  /** Verification runs whenever a claim waits for it and a wallet is there to verify it for; a newer run wins. */
  function runChecksIfDue(): void {
    if (state.phase !== "checking" || state.input.awaitsOwner) return void (inFlight = undefined);
    const { owner, chain, client } = ctx;
    if (!owner || !chain || !client) return;
    const key = contextKey();
    if (inFlight?.input === state.input && inFlight.key === key) return;
    const mine = (inFlight = { input: state.input, key });
    check(mine.input, owner, chain, client).then(
      (event) => inFlight === mine && ((inFlight = undefined), dispatch(event)),
      (error: unknown) => inFlight === mine && ((inFlight = undefined), dispatch({ type: "failed", error: toFailure(error) })),
    );
  }

  async function check(draft: ClaimDraft, owner: Address, chain: ChainConfig, client: Client): Promise<ClaimEvent<ClaimDraft>> {
    const v = await load();
    const { input, nft } = draft;
    const registry = chain.contracts.ioIDRegistry;
    const common = {
      client: v.publicClientOf(client),
      chainId: chain.chain.id,
      registry,
      owner,
      gasReserve: gasReserveFor(chain.chain.id),
      session: v.openSession({ session: live, endpoint: input.endpoint }),
    };
    const checks = input.proxy
      ? await proxyChecks(v, input, input.proxy, chain, common)
      : await registerChecks(v, draft, owner, chain, client, common);
    const checkedFor = { chainId: chain.chain.id, owner, registry, nonce: checks.preflight.nonce };
    const next = { ...draft, nft: (checks.mode === "proxy" ? undefined : checks.preflight.nft) ?? nft, checks, checkedFor, recheckReason: undefined };
    return { type: "checked", checklist: checks.checklist, plan: checks.plan, input: next };
  }

  /** A claim through a project's VerifyingProxy, held to an embedding project's restriction. */
  async function proxyChecks(v: typeof Verifier, input: ClaimInput, proxy: ClaimProxy, chain: ChainConfig, common: Omit<ClaimCheckDeps, "requiredProjectId" | "candidates">) {
    const claim = { proxy: proxy.address, verifySignature: proxy.verifySignature, verifierUrl: proxy.verifierUrl };
    // Plain-http verifiers exist only beside the devnet (scripts/verifier).
    const result = await v.runProxyChecks(input, claim, { ...common, allowHttpVerifier: chain.chain.id === devnet.id });
    return v.restrictProxyClaim(result, { projectId: parts.requiredProjectId, deviceNFT: parts.requiredDeviceNFT });
  }

  /** A claim with a device NFT (or the take-over offer of a device someone else holds). */
  async function registerChecks(v: typeof Verifier, draft: ClaimDraft, owner: Address, chain: ChainConfig, client: Client, common: Omit<ClaimCheckDeps, "requiredProjectId" | "candidates">) {
    const { input, nft } = draft;
    const discovered = parts.requiredDeviceNFT ? undefined : await nfts.discover({ owner, chain, client });
    const known = parts.requiredDeviceNFT ? [{ address: parts.requiredDeviceNFT }] : chain.deviceNFTs;
    const collection = nft ?? discoveredDefault(discovered?.groups, input.projectName) ?? (known[0] && { contract: known[0].address });
    return v.runClaimChecks(input, collection, {
      ...common,
      requiredProjectId: parts.requiredProjectId,
      candidates: collection && (await nfts.candidatesFor(collection.contract, { owner, chain, client })),
    });
  }

  /** The plan goes out only for the chain, account, registry and nonce it was checked for; else the checks run again. */
  async function stillBound(draft: ClaimDraft, owner: Address, chain: ChainConfig, client: Client): Promise<boolean> {
    const now = { chainId: chain.chain.id, owner, registry: chain.contracts.ioIDRegistry };
    let reason = bindingChange(draft.checkedFor, now);
    if (!reason) {
      const v = await load();
      const device = draft.checks?.subject.device ?? draft.input.device!;
      reason = bindingChange(draft.checkedFor, { ...now, nonce: await v.readDeviceNonce(v.publicClientOf(client), now.registry, device) });
    }
    if (!reason) return true;
    if (state.phase === "checked" && state.input === draft) {
      dispatch({ type: "input", input: { ...draft, checks: undefined, recheckReason: reason }, source: state.source });
    }
    return false;
  }

  async function submit(): Promise<void> {
    const { owner, chain, client, wallet } = ctx;
    if (state.phase !== "checked" || !state.checklist.ok || binding || !owner || !chain || !client || !wallet) return;
    const { input, plan, source } = state;
    binding = true;
    try {
      if (!(await stillBound(input, owner, chain, client))) return;
    } catch (error) {
      return dispatch({ type: "failed", error: toFailure(error) });
    } finally {
      binding = false;
    }
    if (state.phase !== "checked" || state.input !== input) return;
    const chainId = chain.chain.id;
    dispatch({ type: "submit" });
    emit({ type: "started" });
    const hashes: Hex[] = [];
    const persist = () => parts.storage.save({ raw: input.raw, source, nft: input.nft, chainId, owner, hashes });
    persist();
    try {
      const v = await load();
      const publicClient = v.publicClientOf(client);
      const receipt = await v.executePlan(plan, wallet, {
        onPrompt: (step) => dispatch({ type: "prompt", step }),
        onSent: (hash) => {
          hashes.push(hash);
          persist();
          dispatch({ type: "sent", hash });
          emit({ type: "submitted", txHash: hash });
        },
        recheck: (call) => v.simulateRegister({ client: publicClient, owner }, call),
        boundTo: input.checkedFor,
      });
      const device = input.checks?.subject.device ?? input.input.device!;
      const offer = input.checks?.mode === "take-over" ? input.checks.holder : undefined;
      const result = offer
        ? v.takeOverResult(receipt, chain.contracts.ioID, { holder: offer, device, did: input.checks!.subject.did })
        : v.claimResultFromReceipt(receipt, chain.contracts.ioID, device);
      dispatch({ type: "done", result });
      emit({ type: "succeeded", result });
      parts.storage.clear();
      // The device has signed and the claim is done: release the link (port, GATT connection).
      closeLive();
    } catch (error) {
      // Nothing left in flight: a reload should start from the device data, not wait for a dead transaction.
      if (hashes.length === 0) parts.storage.clear();
      const failure = toFailure(error);
      dispatch({ type: "failed", error: failure });
      emit({ type: "failed", error: failure });
    }
  }

  /** After a reload: finish a claim whose transactions were already sent, or restart it from the device data. */
  async function resume(chain: ChainConfig, client: Client): Promise<void> {
    const saved = parts.storage.read();
    if (saved === undefined) return;
    const v = await load();
    const stored = v.parseStoredClaim(saved);
    if (!stored) return parts.storage.clear();
    if (stored.chainId !== chain.chain.id) return;
    if (parts.requiredDeviceNFT && stored.nft && !isAddressEqual(stored.nft.contract, parts.requiredDeviceNFT)) return;
    let input: ClaimInput;
    try {
      input = v.parseClaimInput(stored.raw, { appOrigin: parts.appOrigin() });
    } catch {
      return parts.storage.clear();
    }
    const draft: ClaimDraft = { raw: stored.raw, input, nft: stored.nft, awaitsOwner: awaitsOwner(input, stored.source) };
    if (stored.hashes.length === 0) return dispatch({ type: "input", input: draft, source: stored.source });
    dispatch({ type: "resume", input: draft, source: stored.source, hashes: stored.hashes });
    try {
      const publicClient = v.publicClientOf(client);
      const receipts = await Promise.all(stored.hashes.map((hash) => publicClient.waitForTransactionReceipt({ hash })));
      // A proxy claim's registration is sent to the project's proxy, which calls the registry.
      const registrar = input.proxy?.address ?? chain.contracts.ioIDRegistry;
      const registered = receipts.find((r) => r.status === "success" && r.to !== null && isAddressEqual(r.to, registrar));
      // A device URL's input has no address until the device answers: the receipt's DID names it.
      if (registered) {
        // A take-over (registry.migrate) moved an ioID instead of creating one.
        const takenOver = await v.resumedTakeOverResult(publicClient, registered, chain.contracts.ioID, stored.owner);
        dispatch({ type: "done", result: takenOver ?? v.claimResultFromReceipt(registered, chain.contracts.ioID, input.device) });
        return parts.storage.clear();
      }
      // Only the approval went through: verify again; the plan is now `register` alone.
      parts.storage.save({ ...stored, hashes: [] });
      dispatch({ type: "failed", error: { code: "claim:resumed", message: text("ClaimFailure.resumedAfterApproval"), action: text("ClaimFailure.confirmRegistration") } });
    } catch (error) {
      dispatch({ type: "failed", error: toFailure(error) });
    }
  }

  function closeLive(): void {
    void live?.close();
    live = undefined;
  }

  return {
    getState: () => state,
    ownerNfts: () => nfts.groups(ctx),
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    listen(sink) {
      sinks.add(sink);
      return () => void sinks.delete(sink);
    },
    setContext(next) {
      ctx = next;
      if (!parts.requiredDeviceNFT) void nfts.discover(ctx);
      if (!resumed && ctx.walletSettled && ctx.client && ctx.chain) {
        resumed = true;
        void resume(ctx.chain, ctx.client);
      }
      runChecksIfDue();
    },
    async submitInput(raw, source, session) {
      try {
        const { parseClaimInput } = await load();
        const input = parseClaimInput(raw, { appOrigin: parts.appOrigin() });
        const required = parts.requiredDeviceNFT;
        if (required && input.deviceNFT && !isAddressEqual(input.deviceNFT.contract, required)) {
          void session?.close();
          return dispatch({ type: "input-rejected", error: otherCollection(input.deviceNFT.contract, required) });
        }
        closeLive();
        live = session;
        const nft = input.deviceNFT && { contract: input.deviceNFT.contract, tokenId: input.deviceNFT.tokenId };
        dispatch({ type: "input", input: { raw, input, nft, awaitsOwner: awaitsOwner(input, source, session) }, source });
      } catch (error) {
        void session?.close();
        dispatch({ type: "input-rejected", error: toFailure(error) });
      }
    },
    chooseNft(nft) {
      if (state.phase === "checked" || state.phase === "failed" || state.phase === "checking") {
        dispatch({ type: "input", input: { ...state.input, nft, checks: undefined }, source: state.source });
      }
    },
    submit,
    recheck: () => dispatch({ type: "recheck" }),
    contactDevice() {
      if (state.phase === "checking" && state.input.awaitsOwner) dispatch({ type: "input", input: { ...state.input, awaitsOwner: false }, source: state.source });
    },
    reset() {
      closeLive();
      parts.storage.clear();
      dispatch({ type: "reset" });
    },
    dispose: closeLive,
  };
}
