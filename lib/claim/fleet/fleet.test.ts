// A fleet claim on anvil, end to end below the UI: the whole queue read in one eth_call (and the same facts from
// plain reads), the verdict with its dry run, then sending with and without a batching wallet.
import { describe, expect, it } from "vitest";
import { parseEther, type Address, type Hex } from "viem";
import { useDevnet } from "../../../contracts/test/helpers";
import { countingWallet } from "../../../scripts/bench/claimChain";
import { deviceNFTAbi } from "../../chain/abi";
import { dataUriForDocument, parseDidDocument } from "../../did/didDocument";
import { encodeClaimPayload } from "../input/encode";
import type { PlannedCall } from "../bindPlan";
import { BUNDLE_TOO_LARGE } from "../bundling";
import { permitDigest } from "../../device/permit";
import { createVirtualDevice } from "../../device/simulated/virtualDevice";
import { checkFleet, type FleetCheckDeps } from "./check";
import { ownerTokenCandidates } from "../ownerTokens";
import { readFleetFacts } from "./facts";
import { toEntry, type QueueEntry } from "./queueInput";
import { sendFleet } from "./send";
import { batchGasBudget, fleetPrompts, REGISTER_GAS } from "./sendPlan";
import { english } from "../../i18n/renderText";

const ctx = useDevnet();
// Anvil account 1 owns, as in the bench wallet: it holds Demo DePIN tokens 5-8 and gets more minted below.
const owner = () => ctx.accounts[1]!.address;

function entry(seed: string, signFor: Address = owner()): QueueEntry {
  const device = createVirtualDevice({ seed });
  const params = { owner: signFor, nonce: 0n, chainId: ctx.chainId, registry: ctx.deployment.ioIDRegistry };
  const { sign } = device.sign(permitDigest(params));
  const text = encodeClaimPayload({ v: 1, did: device.did, puk: device.publicKey, chainId: params.chainId, registry: params.registry, owner: params.owner, nonce: "0", sig: sign as Hex });
  const parsed = toEntry(text, {});
  if ("message" in parsed) throw new Error(english(parsed.message));
  return parsed;
}

/**
 * A code whose docHash was changed on the way (the device's signature covers neither docUri nor docHash): the
 * document check refuses it before the dry run. Zero, which the parser refuses too, so it is set past the parser.
 */
function entryWithSwappedHash(seed: string): QueueEntry {
  const e = entry(seed);
  const document = parseDidDocument(createVirtualDevice({ seed }).diddocJson().diddoc);
  return { ...e, input: { ...e.input, docUri: dataUriForDocument(document), docHash: `0x${"00".repeat(32)}` } };
}

/** The devnet's device NFT lists no owner's tokens (not ERC-721 Enumerable): the app finds them in Transfer logs. */
async function candidates(): Promise<Map<string, bigint[]>> {
  const found = await ownerTokenCandidates(ctx.publicClient, { contract: ctx.deployment.deviceNFT, owner: owner(), fromBlock: 0n, limit: 250 });
  return new Map([[ctx.deployment.deviceNFT.toLowerCase(), found]]);
}

async function mintTo(to: Address, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    const hash = await ctx.wallets[0]!.writeContract({ address: ctx.deployment.deviceNFT, abi: deviceNFTAbi, functionName: "mint", args: [to] });
    await ctx.publicClient.waitForTransactionReceipt({ hash });
  }
}

const deps = async (): Promise<FleetCheckDeps> => ({
  candidates: await candidates(),
  client: ctx.publicClient,
  owner: owner(),
  chainId: ctx.chainId,
  registry: ctx.deployment.ioIDRegistry,
  gasReserve: parseEther("0.01"),
  defaultCollection: ctx.deployment.deviceNFT,
});

const sendTo = () => ({ ioID: ctx.deployment.ioID, boundTo: { chainId: ctx.chainId, owner: owner(), registry: ctx.deployment.ioIDRegistry } });

describe("the whole queue's facts", () => {
  it("come from one eth_call, and the plain reads say the same", async () => {
    const entries = [entry("facts-a"), entry("facts-b")];
    const request = {
      registry: ctx.deployment.ioIDRegistry,
      owner: owner(),
      devices: [{ device: entries[0]!.input.device }, { device: entries[1]!.input.device, token: { contract: ctx.deployment.deviceNFT, tokenId: 1n } }],
      collections: [ctx.deployment.deviceNFT, ctx.deployment.demo.otherDeviceNFT],
      candidates: await candidates(),
    };
    const lens = await readFleetFacts(ctx.publicClient, request);
    expect(lens.collections.get(ctx.deployment.deviceNFT.toLowerCase())).toMatchObject({ projectName: "Demo DePIN", applied: 2n, actived: 0n, unusedTokens: [5n, 6n, 7n, 8n] });
    expect(lens.devices.get(entries[1]!.key)!.token).toMatchObject({ owner: ctx.accounts[0]!.address, used: false });
    // The stepwise fallback, as a node refusing deployless calls gets it.
    const refusing = { ...ctx.publicClient, readContract: ((args: { code?: Hex }) => (args.code ? Promise.reject(new Error("deployless refused")) : ctx.publicClient.readContract(args as never))) as never };
    const plain = await readFleetFacts(refusing, request);
    expect({ ...plain, blockNumber: 0n }).toEqual({ ...lens, blockNumber: 0n });
  });
});

describe("checking and sending a queue", () => {
  it("claims the valid devices and names each failure: another owner's signature, a swapped document hash, a shortage", async () => {
    await mintTo(owner(), 2); // tokens 5-8 and two more: six for seven devices
    const entries = [
      entry("mixed-1"), entry("mixed-other-owner", ctx.accounts[0]!.address), entry("mixed-2"), entryWithSwappedHash("mixed-swapped-hash"),
      entry("mixed-3"), entry("mixed-4"), entry("mixed-5"), entry("mixed-6"), entry("mixed-7"),
    ];
    const checked = await checkFleet(entries, new Map(), await deps());
    expect(checked.dryRun).toBe("full");
    const verdicts = checked.plan.rows.map((r) => (r.checklist.ok ? "ok" : r.checklist.checks.find((c) => !c.ok)!.id));
    expect(verdicts).toEqual(["ok", "signature", "ok", "document", "ok", "ok", "ok", "ok", "nft-owned"]);
    expect(english(checked.plan.rows[1]!.checklist.checks.find((c) => c.id === "signature")!.reason)).toMatch(/^The device signed for another owner/);
    expect(english(checked.plan.rows[3]!.checklist.checks.at(-1)!.reason)).toMatch(/^The document in the claim link does not match the hash the claim link gives/);
    // Two free from the prepaid quota, the other four pay the price.
    expect(checked.plan.projects[0]).toMatchObject({ devices: 6, free: 2, paid: 4, fee: parseEther("4") });

    const wallet = countingWallet({ rpcUrl: ctx.rpcUrl, deployment: ctx.deployment }, ctx.publicClient, "atomic");
    const prompts = fleetPrompts(checked.plan, ctx.deployment.ioIDRegistry, { bundling: "atomic", limits: { maxGas: batchGasBudget(checked.facts.blockGasLimit) } });
    const done: string[] = [];
    await sendFleet(prompts, wallet, { onPrompt: () => {}, onSent: () => {}, onRowDone: (row) => done.push(row), onRowFailed: (row, f) => { throw new Error(`${row}: ${english(f.message)}`); } }, sendTo());
    expect(wallet.prompts).toBe(1);
    expect(done).toEqual(checked.plan.rows.filter((r) => r.register).map((r) => r.key));
    expect(await ctx.read.ioID.read.balanceOf([owner()])).toBe(6n);

    // Checked again, the claimed devices say they are registered; the rest keep their reasons.
    const again = await checkFleet(entries, new Map(), await deps());
    expect(again.plan.rows.filter((r) => r.checklist.checks.some((c) => c.id === "device-unregistered" && !c.ok))).toHaveLength(6);
  });

  it("a sequential wallet that refuses a bundle for its size gets smaller ones, each wrapped in its approvals", async () => {
    const entries = ["limit-1", "limit-2", "limit-3"].map((s) => entry(s));
    const checked = await checkFleet(entries, new Map(), await deps());
    const inner = countingWallet({ rpcUrl: ctx.rpcUrl, deployment: ctx.deployment }, ctx.publicClient, "sequential");
    const tooLarge = Object.assign(new Error("Batch too large"), { code: BUNDLE_TOO_LARGE });
    const wallet = { ...inner, sendCalls: async (calls: PlannedCall[], o?: { atomic: boolean }) => (calls.length > 3 ? Promise.reject(new Error("wallet", { cause: tooLarge })) : inner.sendCalls(calls, o)) };
    const prompts = fleetPrompts(checked.plan, ctx.deployment.ioIDRegistry, { bundling: "sequential", limits: { maxGas: 1n } });
    expect(prompts).toHaveLength(1); // the gas of a block does not cut a bundle sent as separate transactions
    const done: string[] = [];
    const bundles: string[][] = [];
    let limit: [number, number] | undefined;
    await sendFleet(
      prompts,
      wallet,
      { onPrompt: () => {}, onSent: () => {}, onBundleSent: (rows) => void bundles.push(rows), onWalletLimit: (max, total) => void (limit = [max, total]), onRowDone: (row) => done.push(row), onRowFailed: (row, f) => { throw new Error(`${row}: ${english(f.message)}`); } },
      sendTo(),
    );
    expect(limit).toEqual([3, 3]);
    expect(bundles).toEqual(checked.plan.rows.filter((r) => r.register).map((r) => [r.key]));
    expect(done).toHaveLength(3);
    expect(inner.prompts).toBe(3);
    expect(await ctx.read.deviceNFT.read.isApprovedForAll([owner(), ctx.deployment.ioIDRegistry])).toBe(false);
  });

  it("without batching: one approval for all, one prompt per device; every register fits the gas the batches are cut by", async () => {
    const entries = ["single-1", "single-2", "single-3"].map((s) => entry(s));
    const checked = await checkFleet(entries, new Map(), await deps());
    const wallet = countingWallet({ rpcUrl: ctx.rpcUrl, deployment: ctx.deployment }, ctx.publicClient, "none");
    const prompts = fleetPrompts(checked.plan, ctx.deployment.ioIDRegistry, { bundling: "none", limits: { maxGas: 15_000_000n }, revokeAfter: true });
    const hashes: Hex[] = [];
    const progress: string[] = [];
    await sendFleet(
      prompts,
      wallet,
      { onPrompt: (i, n) => progress.push(`${i} of ${n}`), onSent: (_, hash) => void hashes.push(hash), onRowDone: () => {}, onRowFailed: (row, f) => { throw new Error(`${row}: ${english(f.message)}`); } },
      sendTo(),
    );
    expect(wallet.prompts).toBe(1 + 3 + 1);
    expect(progress).toEqual(["1 of 5", "2 of 5", "3 of 5", "4 of 5", "5 of 5"]);
    expect(await ctx.read.deviceNFT.read.isApprovedForAll([owner(), ctx.deployment.ioIDRegistry])).toBe(false);
    for (const hash of hashes) {
      const receipt = await ctx.publicClient.getTransactionReceipt({ hash });
      expect(receipt.gasUsed).toBeLessThan(REGISTER_GAS);
      expect(receipt.gasUsed).toBeGreaterThan(1_000_000n); // a data: URI document stored on chain
    }
  });
});
