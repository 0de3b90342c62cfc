// The claim controller's two other routes on anvil: a claim through the devnet's VerifyingProxy (no device NFT, one
// call to the proxy) and the take-over of a device someone else holds (registry.migrate), each submitted through
// the same executor as a plain claim.
import { privateKeyToAccount } from "viem/accounts";
import { describe, expect, it } from "vitest";
import { useDevnet } from "../../contracts/test/helpers";
import { devnetVerifierPrivateKey } from "../../scripts/devnet/accounts";
import { createClaimController } from "./controller";
import { executePlan } from "./execute";
import type { ClaimFlowState } from "./controllerPorts";
import { verifierMessage } from "./proxy/verifierMessage";
import { readHolder } from "./takeOver/readHolder";
import { chainOf, localWallet, memoryStorage, presignedClaim, until } from "./testing";

const ctx = useDevnet();

function controllerFor(account: number, storage = memoryStorage()) {
  const wallet = localWallet(ctx, account);
  const controller = createClaimController({ storage, clock: () => Date.now(), appOrigin: () => "http://127.0.0.1:3000", load: () => import("./verifier") });
  controller.setContext({ owner: ctx.accounts[account]!.address, chain: chainOf(ctx), client: ctx.publicClient, wallet, walletSettled: true });
  return { controller, wallet };
}

async function claimed(account: number, text: string) {
  const { controller, wallet } = controllerFor(account);
  await controller.submitInput(text, "paste");
  const state = await until(controller, (s) => s.phase === "checked");
  return { controller, wallet, state };
}

const done = (s: ClaimFlowState) => s.phase === "done" || s.phase === "failed";

describe("claim controller: proxy claims and take-overs", () => {
  it("claims through the proxy with one call and no device NFT", async () => {
    const proxy = ctx.deployment.demo.proxy.address;
    const { device, text } = presignedClaim(ctx, "controller-proxy", { owner: proxy });
    const verifySignature = await privateKeyToAccount(devnetVerifierPrivateKey).signMessage({ message: { raw: verifierMessage(ctx.chainId, ctx.accounts[0]!.address, device.address) } });
    const payload = JSON.stringify({ ...(JSON.parse(text) as object), proxy, verifySignature });
    const { controller, wallet, state } = await claimed(0, payload);
    if (state.phase !== "checked") throw new Error("not checked");
    expect(state.input.checks?.mode).toBe("proxy");
    expect(state.checklist.checks.filter((c) => !c.ok)).toEqual([]);
    expect(state.plan.map((c) => [c.kind, c.to])).toEqual([["register", proxy]]);
    await controller.submit();
    const end = await until(controller, done);
    if (end.phase !== "done") throw new Error(`not done: ${JSON.stringify(end)}`);
    expect(end.result.did).toBe(device.did);
    expect(wallet.prompts).toBe(1);
    expect((await readHolder(ctx.publicClient, ctx.deployment.ioIDRegistry, device.address))?.holder).toBe(ctx.accounts[0]!.address);
  });

  it("offers a device someone else holds for take-over and moves its ioID with registry.migrate", async () => {
    const first = await claimed(0, presignedClaim(ctx, "controller-second-hand").text);
    await first.controller.submit();
    const registered = await until(first.controller, done);
    if (registered.phase !== "done") throw new Error("first claim failed");

    // The device signs for the second owner at its nonce after registering (1).
    const { text } = presignedClaim(ctx, "controller-second-hand", { owner: ctx.accounts[1]!.address, nonce: 1n });
    const { controller, wallet, state } = await claimed(1, text);
    if (state.phase !== "checked") throw new Error("not checked");
    expect(state.input.checks?.mode).toBe("take-over");
    expect(state.checklist.checks.map((c) => [c.id, c.ok])).toEqual([
      ["takeover-holder", true],
      ["takeover-signature", true],
      ["takeover-moves", true],
    ]);
    expect(state.plan.map((c) => [c.kind, c.to])).toEqual([["migrate", ctx.deployment.ioIDRegistry]]);
    await controller.submit();
    const end = await until(controller, done);
    if (end.phase !== "done") throw new Error(`not done: ${JSON.stringify(end)}`);
    expect(end.result).toMatchObject({ ioID: registered.result.ioID, wallet: registered.result.wallet, did: registered.result.did });
    expect(wallet.prompts).toBe(1);
    expect((await readHolder(ctx.publicClient, ctx.deployment.ioIDRegistry, registered.result.device))?.holder).toBe(ctx.accounts[1]!.address);
  });

  it("finishes a take-over sent before a reload from its receipt alone", async () => {
    const first = await claimed(0, presignedClaim(ctx, "controller-resumed-take-over").text);
    await first.controller.submit();
    const registered = await until(first.controller, done);
    if (registered.phase !== "done") throw new Error("first claim failed");
    const { text } = presignedClaim(ctx, "controller-resumed-take-over", { owner: ctx.accounts[1]!.address, nonce: 1n });
    const { state } = await claimed(1, text);
    if (state.phase !== "checked") throw new Error("not checked");
    const hashes: `0x${string}`[] = [];
    await executePlan(state.plan, localWallet(ctx, 1), { onPrompt: () => undefined, onSent: (hash) => void hashes.push(hash) });

    // The page closed after sending: a new controller finds only the stored claim and its transaction.
    const storage = memoryStorage({ raw: text, source: "paste", nft: undefined, chainId: ctx.chainId, owner: ctx.accounts[1]!.address, hashes });
    const { controller } = controllerFor(1, storage);
    const end = await until(controller, done);
    if (end.phase !== "done") throw new Error(`not done: ${JSON.stringify(end)}`);
    expect(end.result).toMatchObject({ ioID: registered.result.ioID, wallet: registered.result.wallet, did: registered.result.did, device: registered.result.device });
    expect(storage.box.value).toBeUndefined();
  });
});
