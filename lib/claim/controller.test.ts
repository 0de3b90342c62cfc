// The claim controller without a browser: checks, submit, resume after a reload and the plan's binding to the
// chain, account, registry and nonce it was checked for, against a real anvil running our ioID suite.
import type { Address } from "viem";
import { describe, expect, it } from "vitest";
import { useDevnet } from "../../contracts/test/helpers";
import { createClaimController } from "./controller";
import type { ClaimContext, ClaimFlowEvent, ClaimFlowState } from "./controllerPorts";
import { executePlan } from "./execute";
import type { StoredClaim } from "./storedClaim";
import { chainOf, localWallet, memoryStorage, presignedClaim, until } from "./testing";
import { claimDeepLink } from "./input/encode";
import { startVirtualDeviceServer } from "../../scripts/device/server";
import { english } from "../i18n/renderText";

const ctx = useDevnet();

function setup(options: { stored?: StoredClaim; account?: number } = {}) {
  const wallet = localWallet(ctx, options.account ?? 0);
  const storage = memoryStorage(options.stored);
  const events: ClaimFlowEvent[] = [];
  const controller = createClaimController({
    storage,
    clock: () => Date.now(),
    appOrigin: () => "http://127.0.0.1:3000",
    load: () => import("./verifier"),
  });
  controller.listen((event) => events.push(event));
  const context = (over: Partial<ClaimContext> = {}): ClaimContext => ({
    owner: ctx.accounts[options.account ?? 0]!.address,
    chain: chainOf(ctx),
    client: ctx.publicClient,
    wallet,
    walletSettled: true,
    ...over,
  });
  return { controller, wallet, storage, events, context };
}

const checked = (s: ClaimFlowState) => s.phase === "checked";

async function readyClaim(seed: string, options: Parameters<typeof setup>[0] = {}) {
  const parts = setup(options);
  const claim = presignedClaim(ctx, seed);
  parts.controller.setContext(parts.context());
  await parts.controller.submitInput(claim.text, "paste");
  const state = await until(parts.controller, checked);
  return { ...parts, claim, state };
}

describe("claim controller on anvil", () => {
  it("checks a claim for the connected account and binds the plan to the chain, account, registry and nonce", async () => {
    const { state } = await readyClaim("check");
    if (state.phase !== "checked") throw new Error("not checked");
    expect(state.checklist.ok).toBe(true);
    expect(state.plan.map((c) => c.kind)).toEqual(["approve", "register"]);
    expect(state.input.checkedFor).toEqual({ chainId: ctx.chainId, owner: ctx.accounts[0]!.address, registry: ctx.deployment.ioIDRegistry, nonce: 0n });
  });

  it("submits the plan, tells the host each step, and forgets the stored claim once done", async () => {
    const { controller, wallet, storage, events, claim } = await readyClaim("submit");
    await controller.submit();
    const done = await until(controller, (s) => s.phase === "done");
    if (done.phase !== "done") throw new Error("not done");
    expect(done.result.did).toBe(claim.device.did);
    expect(wallet.prompts).toBe(2);
    expect(events.map((e) => e.type)).toEqual(["started", "submitted", "submitted", "succeeded"]);
    expect(storage.box.value).toBeUndefined();
  });

  it("after a chain change, Claim sends nothing and checks again for the new chain", async () => {
    const { controller, wallet, context } = await readyClaim("chain");
    const otherChain = chainOf(ctx, { id: 4690 });
    controller.setContext(context({ chain: otherChain }));
    expect(controller.getState().phase).toBe("checked");
    await controller.submit();
    expect(wallet.prompts).toBe(0);
    const state = controller.getState();
    expect(state.phase).toBe("checking");
    if (state.phase === "checking") expect(state.input.recheckReason && english(state.input.recheckReason)).toMatch(/from chain 31337 to chain 4690/);
    const again = await until(controller, checked);
    if (again.phase !== "checked") throw new Error("not checked");
    // The device signed for chain 31337: on the new chain the checks refuse, with the reason.
    expect(again.checklist.ok).toBe(false);
    expect(again.input.checkedFor?.chainId).toBe(4690);
    expect(wallet.prompts).toBe(0);
  });

  it("after an account change, Claim sends nothing and checks again for the new account", async () => {
    const { controller, wallet, context } = await readyClaim("account");
    controller.setContext(context({ owner: ctx.accounts[1]!.address }));
    await controller.submit();
    expect(wallet.prompts).toBe(0);
    const again = await until(controller, checked);
    if (again.phase !== "checked") throw new Error("not checked");
    expect(again.checklist.ok).toBe(false);
    expect(again.input.checkedFor?.owner).toBe(ctx.accounts[1]!.address);
  });

  it("after the registry's nonce moved (registered meanwhile), Claim checks again instead of sending", async () => {
    const { controller, wallet, state } = await readyClaim("nonce");
    if (state.phase !== "checked") throw new Error("not checked");
    await executePlan(state.plan, localWallet(ctx), { onPrompt: () => undefined, onSent: () => undefined });
    await controller.submit();
    expect(wallet.prompts).toBe(0);
    const again = await until(controller, checked);
    if (again.phase !== "checked") throw new Error("not checked");
    expect(again.checklist.ok).toBe(false);
    expect(english(again.checklist.checks.find((c) => !c.ok)!.reason)).toMatch(/nonce 0, and the registry now expects nonce 1/);
  });

  it("cancels: a reset while checking drops the late result, and newer input wins over older", async () => {
    const { controller, context } = setup();
    controller.setContext(context());
    const first = presignedClaim(ctx, "first");
    const second = presignedClaim(ctx, "second");
    await controller.submitInput(first.text, "paste");
    controller.reset();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(controller.getState().phase).toBe("idle");

    await controller.submitInput(first.text, "paste");
    await controller.submitInput(second.text, "paste");
    const state = await until(controller, checked);
    if (state.phase !== "checked") throw new Error("not checked");
    expect(state.input.checks?.subject.did).toBe(second.device.did);
  });

  it("a claim link naming a device contacts it only once the owner asks, on a connected wallet and after a reload", async () => {
    const requests: string[] = [];
    const server = await startVirtualDeviceServer({ port: 0, seed: "link-consent", log: (line) => requests.push(line) });
    try {
      const link = claimDeepLink("http://127.0.0.1:3000", { v: 1, did: server.device.did, puk: server.device.publicKey, endpoint: server.url });
      const { controller, context } = setup();
      controller.setContext(context());
      await controller.submitInput(link, "link");
      // Long enough for the checks to have asked the device to sign, had they started.
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      const waiting = controller.getState();
      expect(waiting.phase === "checking" && waiting.input.awaitsOwner).toBe(true);
      expect(requests).toEqual([]);

      // A reload of a link claim waits for the owner again.
      const reloaded = setup({ stored: { raw: link, source: "link", nft: undefined, chainId: ctx.chainId, owner: ctx.accounts[0]!.address, hashes: [] } });
      reloaded.controller.setContext(reloaded.context());
      await until(reloaded.controller, (s) => s.phase === "checking" && s.input.awaitsOwner === true);
      expect(requests).toEqual([]);

      controller.contactDevice();
      const state = await until(controller, checked);
      if (state.phase !== "checked") throw new Error("not checked");
      expect(state.checklist.ok).toBe(true);
      expect(requests.some((line) => line.startsWith("POST"))).toBe(true);
    } finally {
      await server.close();
    }
  });

  describe("resume after a reload", () => {
    const stored = (text: string, hashes: `0x${string}`[], owner: Address = ctx.accounts[0]!.address): StoredClaim => ({
      raw: text,
      source: "paste",
      nft: { contract: ctx.deployment.deviceNFT },
      chainId: ctx.chainId,
      owner,
      hashes,
    });

    it("nothing sent yet: starts the checks again from the device data", async () => {
      const claim = presignedClaim(ctx, "resume-none");
      const { controller, context } = setup({ stored: stored(claim.text, []) });
      controller.setContext(context({ walletSettled: false }));
      expect(controller.getState().phase).toBe("idle");
      controller.setContext(context());
      const state = await until(controller, checked);
      if (state.phase === "checked") expect(state.checklist.ok).toBe(true);
    });

    it("approval and registration sent: waits for them and shows the ioID", async () => {
      const { state, claim } = await readyClaim("resume-done");
      if (state.phase !== "checked") throw new Error("not checked");
      const hashes: `0x${string}`[] = [];
      await executePlan(state.plan, localWallet(ctx), { onPrompt: () => undefined, onSent: (hash) => void hashes.push(hash) });
      const { controller, context, storage } = setup({ stored: stored(claim.text, hashes) });
      controller.setContext(context());
      const done = await until(controller, (s) => s.phase === "done");
      if (done.phase === "done") expect(done.result.did).toBe(claim.device.did);
      expect(storage.box.value).toBeUndefined();
    });

    it("only the approval sent: says so, keeps the claim and offers to check again", async () => {
      const { state, claim } = await readyClaim("resume-approval");
      if (state.phase !== "checked") throw new Error("not checked");
      const hashes: `0x${string}`[] = [];
      await executePlan(state.plan.slice(0, 1), localWallet(ctx), { onPrompt: () => undefined, onSent: (hash) => void hashes.push(hash) });
      const { controller, context, storage } = setup({ stored: stored(claim.text, hashes) });
      controller.setContext(context());
      const failed = await until(controller, (s) => s.phase === "failed");
      if (failed.phase === "failed") expect(failed.error.code).toBe("claim:resumed");
      expect((storage.box.value as { hashes: unknown[] }).hashes).toEqual([]);
      controller.recheck();
      const again = await until(controller, checked);
      if (again.phase === "checked") expect(again.plan.map((c) => c.kind)).toEqual(["register"]);
    });

    it("stored for another chain: leaves it alone", async () => {
      const claim = presignedClaim(ctx, "resume-other");
      const { controller, context, storage } = setup({ stored: { ...stored(claim.text, []), chainId: 4690 } });
      controller.setContext(context());
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(controller.getState().phase).toBe("idle");
      expect(storage.box.value).toBeDefined();
    });
  });
});
