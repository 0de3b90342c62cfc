// The claim's verification and execution against a real anvil running our ioID suite: every refusal
// must name its reason, and a passing claim must mint the ioID exactly as planned.
import { createPublicClient, http, parseEther } from "viem";
import { describe, expect, it } from "vitest";
import { deviceNFTAbi } from "../chain/abi";
import { useDevnet } from "../../contracts/test/helpers";
import { localWallet, presignedClaim } from "./testing";
import { parseClaimInput } from "./input/parse";
import { createDeviceSession } from "../device/session";
import { createVirtualDevice } from "../device/simulated/virtualDevice";
import { claimResultFromReceipt, executePlan } from "./execute";
import { runClaimChecks, type ClaimCheckDeps } from "./runChecks";
import { promptCount } from "./walletSteps";
import { dataUriForDocument, documentHash, parseDidDocument } from "../did/didDocument";
import { english } from "../i18n/renderText";
import type { Check } from "./checklist";

/** A check with its reason in English, for matching. */
const inEnglish = (check: Check | undefined) => check && { ...check, reason: english(check.reason) };

const ctx = useDevnet();
const presigned = (seed: string, over?: Parameters<typeof presignedClaim>[2]) => presignedClaim(ctx, seed, over);

function deps(over: Partial<ClaimCheckDeps> = {}): ClaimCheckDeps {
  return {
    client: ctx.publicClient,
    chainId: ctx.chainId,
    registry: ctx.deployment.ioIDRegistry,
    owner: ctx.accounts[0]!.address,
    gasReserve: parseEther("0.01"),
    ...over,
  };
}

const demoNft = (tokenId?: bigint) => ({ contract: ctx.deployment.deviceNFT, tokenId });
const check = (result: Awaited<ReturnType<typeof runClaimChecks>>, id: string) => result.checklist.checks.find((c) => c.id === id);

describe("runClaimChecks + executePlan on anvil", () => {
  it("passes a fresh pre-signed claim, picks the first unused token, and mints the ioID with the NFT in its wallet", async () => {
    const { device, input } = presigned("ok");
    const candidates = [1n, 2n, 3n, 4n];
    const result = await runClaimChecks(input, demoNft(), deps({ candidates }));
    expect(result.checklist.checks.filter((c) => !c.ok)).toEqual([]);
    expect(result.preflight.nft?.tokenId).toBe(1n);
    expect(result.plan.map((c) => c.kind)).toEqual(["approve", "register"]);
    expect(result.document?.origin).toBe("generated");

    const wallet = localWallet(ctx);
    const receipt = await executePlan(result.plan, wallet, { onPrompt: () => undefined, onSent: () => undefined });
    expect(wallet.prompts).toBe(promptCount(result.plan, false));
    const claimed = claimResultFromReceipt(receipt, ctx.deployment.ioID, device.address);
    expect(claimed.did).toBe(device.did);
    expect(await ctx.read.deviceNFT.read.ownerOf([1n])).toBe(claimed.wallet);
    expect(await ctx.read.registry.read.documentHash([device.address])).toBe(result.document?.hash);
  });

  it("asks a connected device to sign for the live nonce and records the device's own DID Document", async () => {
    const device = createVirtualDevice({ seed: "session" });
    const session = createDeviceSession({
      transport: "http",
      did: async () => device.didJson(),
      diddoc: async () => device.diddocJson(),
      sign: async (digest) => device.sign(digest),
      close: async () => undefined,
    });
    const result = await runClaimChecks(parseClaimInput(device.did), demoNft(2n), deps({ session }));
    expect(result.checklist.ok).toBe(true);
    expect(result.document?.origin).toBe("device");
  });

  it("refuses a /diddoc about another device when the payload already named the DID (identify skipped)", async () => {
    const device = createVirtualDevice({ seed: "diddoc-owner" });
    const other = createVirtualDevice({ seed: "diddoc-other" });
    let signed = 0;
    const session = createDeviceSession({
      transport: "http",
      did: async () => device.didJson(),
      diddoc: async () => other.diddocJson(),
      sign: async (digest) => (signed++, device.sign(digest)),
      close: async () => undefined,
    });
    const result = await runClaimChecks(parseClaimInput(device.did), demoNft(2n), deps({ session }));
    expect(signed).toBe(1);
    expect(inEnglish(check(result, "document"))).toMatchObject({ ok: false, reason: expect.stringMatching(/^The document the device served \(\/diddoc\) does not describe this device/) });
    expect(result.checklist.ok).toBe(false);
    expect(result.document).toBeUndefined();
    expect(result.plan).toEqual([]);
  });

  it("refuses a pre-signed claim whose docUri/docHash were swapped, before any dry run or prompt", async () => {
    const { text } = presigned("swapped-doc");
    const foreign = parseDidDocument(createVirtualDevice({ seed: "swapped-doc-other" }).diddocJson().diddoc);
    const swapped = { ...JSON.parse(text), docUri: dataUriForDocument(foreign), docHash: documentHash(foreign) };
    const result = await runClaimChecks(parseClaimInput(JSON.stringify(swapped)), demoNft(1n), deps({ candidates: [1n] }));
    expect(check(result, "signature")?.ok).toBe(true);
    expect(inEnglish(check(result, "document"))).toMatchObject({ ok: false, reason: expect.stringMatching(/^The document the claim link points at does not describe this device/) });
    expect(result.plan).toEqual([]);

    const rehashed = { ...JSON.parse(text), docUri: dataUriForDocument(foreign), docHash: `0x${"12".repeat(32)}` };
    const mismatch = await runClaimChecks(parseClaimInput(JSON.stringify(rehashed)), demoNft(1n), deps());
    expect(english(check(mismatch, "document")!.reason)).toMatch(/does not match the hash the claim link gives/);
    expect(mismatch.plan).toEqual([]);
  });

  it("names each signature mismatch: owner, chain, registry, stale nonce", async () => {
    const other = ctx.accounts[1]!.address;
    const cases: [Parameters<typeof presignedClaim>[2], RegExp][] = [
      [{ owner: other }, /another owner/],
      [{ chainId: 4690 }, /chain 4690/],
      [{ registry: ctx.deployment.ioIDStore }, /another ioID registry/],
      [{ nonce: 3n }, /stale: it was made for nonce 3.*expects nonce 0/],
    ];
    for (const [over, reason] of cases) {
      const result = await runClaimChecks(presigned("mismatch", over).input, demoNft(1n), deps());
      expect(check(result, "signature")?.ok).toBe(false);
      expect(english(check(result, "signature")!.reason)).toMatch(reason);
      expect(result.plan).toEqual([]);
    }
  });

  it("refuses a registered device, a used or foreign NFT, an unbound collection and another project", async () => {
    const first = presigned("dup");
    const done = await runClaimChecks(first.input, demoNft(1n), deps());
    await executePlan(done.plan, localWallet(ctx), { onPrompt: () => undefined, onSent: () => undefined });

    const again = await runClaimChecks(presigned("dup", { nonce: 1n }).input, demoNft(2n), deps());
    expect(check(again, "device-unregistered")?.ok).toBe(false);

    const usedNft = await runClaimChecks(presigned("fresh").input, demoNft(1n), deps());
    expect(check(usedNft, "nft-unused")?.ok).toBe(false);

    const foreign = await runClaimChecks(presigned("fresh").input, demoNft(5n), deps());
    expect(english(check(foreign, "nft-owned")!.reason)).toMatch(/belongs to 0x7099/);

    const unbound = await runClaimChecks(presigned("fresh").input, { contract: ctx.deployment.demo.unboundDeviceNFT, tokenId: 1n }, deps());
    expect(english(check(unbound, "project")!.reason)).toMatch(/not bound to any ioID project/);

    const wrongProject = await runClaimChecks(presigned("fresh").input, demoNft(2n), deps({ requiredProjectId: 2n }));
    expect(english(check(wrongProject, "project")!.reason)).toMatch(/only claims devices of project #2/);
  });

  it("charges the fee once the prepaid quota is used up, and checks the balance covers it", async () => {
    for (const [seed, token] of [["q1", 1n], ["q2", 2n]] as const) {
      const r = await runClaimChecks(presigned(seed).input, demoNft(token), deps());
      await executePlan(r.plan, localWallet(ctx), { onPrompt: () => undefined, onSent: () => undefined });
    }
    const paid = await runClaimChecks(presigned("q3").input, demoNft(3n), deps());
    expect(english(check(paid, "fee")!.reason)).toMatch(/costs 1 IOTX/);
    expect(paid.plan.at(-1)?.value).toBe(parseEther("1"));
    const receipt = await executePlan(paid.plan, localWallet(ctx), { onPrompt: () => undefined, onSent: () => undefined });
    expect(receipt.status).toBe("success");

    await ctx.testClient.setBalance({ address: ctx.accounts[0]!.address, value: parseEther("0.5") });
    const poor = await runClaimChecks(presigned("q4").input, demoNft(4n), deps());
    expect(check(poor, "balance")?.ok).toBe(false);
    expect(english(check(poor, "balance")!.reason)).toMatch(/You have 0.5 IOTX/);
  });

  it("skips the approval when the registry is already approved, and dry-runs register before offering it", async () => {
    await ctx.wallets[0]!.writeContract({ address: ctx.deployment.deviceNFT, abi: deviceNFTAbi, functionName: "setApprovalForAll", args: [ctx.deployment.ioIDRegistry, true] });
    const result = await runClaimChecks(presigned("approved").input, demoNft(1n), deps());
    expect(result.plan.map((c) => c.kind)).toEqual(["register"]);
    expect(promptCount(result.plan, true)).toBe(1);
  });

  it("dry-runs a pre-approved, pre-signed claim in the preflight's round trip, and again on the real facts when the guess was wrong", async () => {
    await ctx.wallets[0]!.writeContract({ address: ctx.deployment.deviceNFT, abi: deviceNFTAbi, functionName: "setApprovalForAll", args: [ctx.deployment.ioIDRegistry, true] });
    let requests = 0;
    const client = createPublicClient({ transport: http(ctx.rpcUrl, { batch: true, onFetchRequest: () => void requests++ }) });

    // The guess (this token, free from the prepaid quota) is right: every check, the dry run included, in one request.
    const free = await runClaimChecks(presigned("dry-free").input, demoNft(1n), deps({ client }));
    expect(free.checklist.ok).toBe(true);
    expect(free.plan.map((c) => [c.kind, c.value])).toEqual([["register", 0n]]);
    expect(requests).toBe(1);
    await executePlan(free.plan, localWallet(ctx), { onPrompt: () => undefined, onSent: () => undefined });
    const second = await runClaimChecks(presigned("dry-free-2").input, demoNft(2n), deps({ client }));
    await executePlan(second.plan, localWallet(ctx), { onPrompt: () => undefined, onSent: () => undefined });

    // The quota is used up: the register call carries the fee, so the free dry run is set aside and the real one made.
    requests = 0;
    const paid = await runClaimChecks(presigned("dry-paid").input, demoNft(3n), deps({ client }));
    expect(paid.checklist.ok).toBe(true);
    expect(paid.plan.map((c) => [c.kind, c.value])).toEqual([["register", parseEther("1")]]);
    expect(requests).toBe(2);
  });
});
