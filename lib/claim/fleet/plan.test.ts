// The fleet planner on hand-made chain facts: which token each device gets, what each registration costs as a
// project's prepaid quota runs out, and how the calls are cut into wallet prompts.
import { describe, expect, it } from "vitest";
import { parseEther, type Address, type Hex } from "viem";
import { permitDigestFromDomainSeparator } from "../../device/permit";
import { createVirtualDevice } from "../../device/simulated/virtualDevice";
import type { CollectionFacts, FleetFacts } from "./facts";
import { planFleet, type FleetRow } from "./plan";
import { APPROVE_GAS, fleetPrompts, REGISTER_GAS, splitIntoBatches, type FleetCall } from "./sendPlan";
import { untranslated } from "../../i18n/text";
import { english } from "../../i18n/renderText";

const owner: Address = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";
const registry: Address = "0x610178dA211FEF7D417bC0e6FeD39F05609AD788";
const nftA: Address = "0x0B306BF915C4d645ff596e518fAf3F9669b97016";
const nftB: Address = "0x67d269191c92Caf3cD7723F116c85e6E9bf55933";
const domainSeparator: Hex = `0x${"ab".repeat(32)}`;
const price = parseEther("1");
const ctx = { owner, chainId: 31337, registry, gasReserve: parseEther("0.01") };

function row(seed: string, extra: Partial<FleetRow> = {}): FleetRow {
  const device = createVirtualDevice({ seed });
  const { sign } = device.sign(permitDigestFromDomainSeparator(domainSeparator, owner, 0n));
  return {
    key: device.address.toLowerCase(),
    subject: { device: device.address, did: device.did, keyEvidence: "public-key", signature: sign as Hex },
    collection: nftA,
    document: { uri: "data:,", hash: `0x${"11".repeat(32)}` },
    ...extra,
  };
}

function collection(contract: Address, extra: Partial<CollectionFacts> = {}): CollectionFacts {
  return { contract, projectId: 1n, projectName: "Demo DePIN", projectType: 0, applied: 10n, actived: 0n, approvedForAll: false, unusedTokens: [], ...extra };
}

function facts(rows: FleetRow[], collections: CollectionFacts[], extra: Partial<FleetFacts> = {}): FleetFacts {
  return {
    chainId: 31337,
    blockNumber: 10n,
    blockGasLimit: 30_000_000n,
    registry,
    domainSeparator,
    price,
    ownerBalance: parseEther("100"),
    devices: new Map(rows.map((r) => [r.key, { nonce: 0n, exists: false, token: undefined }])),
    collections: new Map(collections.map((c) => [c.contract.toLowerCase(), c])),
    ...extra,
  };
}

const failed = (plan: ReturnType<typeof planFleet>, i: number) => plan.rows[i]!.checklist.checks.filter((c) => !c.ok);

describe("NFT assignment", () => {
  it("gives each device the next unused token, keeping the tokens rows name for those rows", () => {
    const rows = [row("a"), row("b", { tokenId: 9n }), row("c")];
    const plan = planFleet(rows, facts(rows, [collection(nftA, { unusedTokens: [5n, 7n, 9n] })]), ctx);
    expect(plan.rows.map((r) => r.nft?.tokenId)).toEqual([5n, 9n, 7n]);
    expect(plan.rows.every((r) => r.checklist.ok && r.register)).toBe(true);
  });

  it("names the shortage on the rows left without a token; a failing row takes none", () => {
    const rows = [row("a"), row("registered"), row("b"), row("c")];
    const f = facts(rows, [collection(nftA, { unusedTokens: [1n, 2n] })]);
    f.devices.get(rows[1]!.key)!.exists = true;
    const plan = planFleet(rows, f, ctx);
    // The registered device is shown the token it would have had, and leaves it to the next one.
    expect(plan.rows.map((r) => r.nft?.tokenId)).toEqual([1n, 2n, 2n, undefined]);
    expect(failed(plan, 1).map((c) => c.id)).toEqual(["device-unregistered"]);
    expect(english(failed(plan, 3)[0]!.reason)).toBe("Your 2 unused tokens of collection 0x0B30…7016 went to the devices above: none is left for this one.");
    expect(plan.rows.filter((r) => r.register)).toHaveLength(2);
  });

  it("refuses a token two rows name, and one the owner does not hold", () => {
    const rows = [row("a", { tokenId: 5n }), row("b", { tokenId: 5n }), row("c", { tokenId: 40n })];
    const f = facts(rows, [collection(nftA, { unusedTokens: [5n] })]);
    f.devices.get(rows[2]!.key)!.token = { contract: nftA, tokenId: 40n, owner: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8", used: false };
    const plan = planFleet(rows, f, ctx);
    expect(plan.rows[0]!.checklist.ok).toBe(true);
    expect(english(failed(plan, 1)[0]!.reason)).toBe("Token #5 is already given to another device of this queue. Pick another token for this one.");
    expect(english(failed(plan, 2)[0]!.reason)).toMatch(/^Token #40 belongs to 0x7099/);
  });

  it("assigns per collection, and a row the dry run refused takes nothing", () => {
    const rows = [row("a"), row("b", { collection: nftB }), row("c")];
    const f = facts(rows, [collection(nftA, { unusedTokens: [1n, 2n] }), collection(nftB, { projectId: 2n, unusedTokens: [70n] })]);
    const refused = new Map([[rows[0]!.key, { id: "simulation" as const, ok: false, reason: untranslated("It would revert.") }]]);
    const plan = planFleet(rows, f, { ...ctx, refused });
    expect(plan.rows.map((r) => [r.nft?.tokenId, Boolean(r.register)])).toEqual([[1n, false], [70n, true], [1n, true]]);
  });
});

describe("fees across the prepaid-quota boundary", () => {
  it("charges the price once a project's quota is used up, summed per project", () => {
    const rows = ["a", "b", "c", "d"].map((s) => row(s)).concat(row("e", { collection: nftB }));
    const f = facts(rows, [collection(nftA, { applied: 5n, actived: 3n, unusedTokens: [1n, 2n, 3n, 4n] }), collection(nftB, { projectId: 2n, applied: 0n, unusedTokens: [9n] })]);
    const plan = planFleet(rows, f, ctx);
    expect(plan.rows.map((r) => r.fee)).toEqual([0n, 0n, price, price, price]);
    expect(plan.projects).toEqual([
      { projectId: 1n, projectName: "Demo DePIN", devices: 4, free: 2, paid: 2, fee: 2n * price, quotaLeftAfter: 0n },
      { projectId: 2n, projectName: "Demo DePIN", devices: 1, free: 0, paid: 1, fee: price, quotaLeftAfter: 0n },
    ]);
    expect(plan.totalFee).toBe(3n * price);
    expect(english(plan.rows[1]!.checklist.checks.find((c) => c.id === "fee")!.reason)).toBe("Free: prepaid by the project (1 of 5 ioIDs left).");
  });

  it("checks the balance against the running total: the rows it cannot cover say so", () => {
    const rows = ["a", "b", "c"].map((s) => row(s));
    const f = facts(rows, [collection(nftA, { applied: 1n, unusedTokens: [1n, 2n, 3n] })], { ownerBalance: parseEther("1.5") });
    const plan = planFleet(rows, f, ctx);
    expect(plan.rows.map((r) => r.checklist.ok)).toEqual([true, true, false]);
    expect(english(failed(plan, 2)[0]!.reason)).toBe("After the devices above, 0.48 IOTX is left; this one needs about 1.01 IOTX (fee 1 IOTX + gas). Top up and check again.");
    expect(plan.balance).toEqual({ have: parseEther("1.5"), need: parseEther("1.02"), ok: true });
  });
});

describe("wallet prompts", () => {
  const rows = Array.from({ length: 50 }, (_, i) => row(`d${i}`));
  const plan = planFleet(rows, facts(rows, [collection(nftA, { applied: 100n, unusedTokens: rows.map((_, i) => BigInt(i + 1)) })]), ctx);

  it("with a batching wallet: approval for all opens and closes each batch, as few batches as the gas allows", () => {
    const prompts = fleetPrompts(plan, registry, { bundling: "atomic", limits: { maxGas: 15_000_000n } });
    // 11 devices of REGISTER_GAS each fit in 15M gas beside the two approvals.
    expect(Number((15_000_000n - 2n * APPROVE_GAS) / REGISTER_GAS)).toBe(11);
    expect(prompts.map((p) => (p.kind === "batch" ? p.calls.length : 0))).toEqual([13, 13, 13, 13, 8]);
    const kinds = prompts[0]!.kind === "batch" ? prompts[0]!.calls.map((c) => c.kind) : [];
    expect([kinds[0], kinds[1], kinds.at(-1)]).toEqual(["approve-all", "register", "revoke-all"]);
    expect(fleetPrompts(plan, registry, { bundling: "atomic", limits: { maxGas: 1n << 60n } })).toHaveLength(1);
  });

  it("cuts by the gas the dry run measured, and by the wallet's own call limit", () => {
    const measured = planFleet(rows, facts(rows, [collection(nftA, { applied: 100n, unusedTokens: rows.map((_, i) => BigInt(i + 1)) })]), { ...ctx, gas: new Map(rows.map((r) => [r.key, 400_000n])) });
    const sizes = (limits: { maxGas: bigint; maxCalls?: number }) => fleetPrompts(measured, registry, { bundling: "atomic", limits }).map((p) => (p.kind === "batch" ? p.calls.length : 0));
    expect(sizes({ maxGas: 15_000_000n })).toEqual([39, 15]); // 37 devices of 400k gas fit in 15M beside the approvals
    expect(sizes({ maxGas: 1n << 60n, maxCalls: 22 })).toEqual([22, 22, 12]);
  });

  it("with a sequential wallet: one bundle for the whole fleet, whatever its gas; cut only by the calls the wallet takes", () => {
    const prompts = fleetPrompts(plan, registry, { bundling: "sequential", limits: { maxGas: 15_000_000n } });
    expect(prompts).toHaveLength(1);
    expect(prompts[0]).toMatchObject({ kind: "batch", atomic: false });
    const calls = prompts[0]!.kind === "batch" ? prompts[0]!.calls : [];
    expect([calls.length, calls[0]!.kind, calls.at(-1)!.kind]).toEqual([52, "approve-all", "revoke-all"]);
    const sizes = fleetPrompts(plan, registry, { bundling: "sequential", limits: { maxGas: 15_000_000n, maxCalls: 26 } }).map((p) => (p.kind === "batch" ? p.calls.length : 0));
    expect(sizes).toEqual([26, 26, 4]); // 24 registers beside the two approvals
  });

  it("never separates a unit's calls", () => {
    const call = (kind: FleetCall["kind"]): FleetCall => ({ kind, to: nftA, data: "0x", value: 0n, label: untranslated(kind) });
    const units = [[call("approve-all"), call("register")], [call("register")], [call("approve-all"), call("register")]];
    expect(splitIntoBatches(units, { maxCalls: 3, maxGas: 1n << 60n }).map((b) => b.map((c) => c.kind))).toEqual([
      ["approve-all", "register", "register"],
      ["approve-all", "register"],
    ]);
  });

  it("without batching: one approval for all per collection, one prompt per device, and the withdrawal if asked", () => {
    const prompts = fleetPrompts(plan, registry, { bundling: "none", limits: { maxGas: 15_000_000n }, revokeAfter: true });
    const kinds = prompts.map((p) => (p.kind === "transaction" ? p.call.kind : "batch"));
    expect(kinds).toEqual(["approve-all", ...Array(50).fill("register"), "revoke-all"]);
    expect(fleetPrompts(plan, registry, { bundling: "none", limits: { maxGas: 15_000_000n } })).toHaveLength(51);
  });
});
