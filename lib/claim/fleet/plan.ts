import type { Address, Hex } from "viem";
import { formatIotx } from "../../chain/formatIotx";
import { text } from "../../i18n/text";
import { registerCall, type PlannedCall } from "../bindPlan";
import { buildChecklist, type Check, type Checklist, type ClaimSubject } from "../checklist";
import { registrationFee, type Preflight } from "../preflight";
import type { CollectionFacts, DeviceFacts, FleetFacts } from "./facts";

/** One device of the queue, as the planner sees it: who it is, what it signed, which collection it belongs to. */
export interface FleetRow {
  /** The lowercase device address: one row per device. */
  key: string;
  subject: Omit<ClaimSubject, "nft">;
  /** The device-NFT collection of the device's project (its payload's, else the queue's default). */
  collection: Address | undefined;
  /** A token the payload names or the owner picked for this row; the others are assigned automatically. */
  tokenId?: bigint | undefined;
  /** What `register` records, or the failed check that refuses the row (document.ts). */
  document: { uri: string; hash: Hex } | Check;
}

export interface FleetPlanContext {
  owner: Address;
  chainId: number;
  registry: Address;
  /** Native currency kept aside for gas, per device. */
  gasReserve: bigint;
  requiredProjectId?: bigint | undefined;
  /** Rows the dry run refused, with the reason: they take no token, quota or balance. */
  refused?: ReadonlyMap<string, Check> | undefined;
  /** Gas each row's register took in the dry run: batches are cut by it. */
  gas?: ReadonlyMap<string, bigint> | undefined;
}

export interface PlannedRow {
  key: string;
  nft: { contract: Address; tokenId: bigint | undefined } | undefined;
  checklist: Checklist;
  fee: bigint;
  /** `register{value: fee}`, when every check passed. */
  register: PlannedCall | undefined;
  /** Gas its register took in the dry run, when it ran. */
  gas?: bigint | undefined;
}

export interface ProjectTotal {
  projectId: bigint;
  projectName: string;
  devices: number;
  /** Registrations the project's prepaid quota covers, and those that pay the price. */
  free: number;
  paid: number;
  fee: bigint;
  /** Prepaid ioIDs left once the queue is registered. */
  quotaLeftAfter: bigint;
}

export interface FleetPlan {
  rows: PlannedRow[];
  projects: ProjectTotal[];
  totalFee: bigint;
  /** The owner's balance against the fees plus gas of the ready rows. */
  balance: { have: bigint; need: bigint; ok: boolean };
  /** Collections the registry may not move yet, among those with ready rows. */
  unapproved: Address[];
}

const short = (a: string) => `${a.slice(0, 6)}…${a.slice(-4)}`;
const key = (a: string) => a.toLowerCase();

/**
 * Pure: the verdict on every row and what it would cost. Rows are taken in queue order; each ready row takes the
 * next unused token of its collection (tokens named by a payload or the owner are set aside first), the next unit
 * of its project's prepaid quota (then the price), and its fee from the balance left. A row that fails takes
 * nothing, so the rows after it are judged as if it were not there. The checks are the single claim's, on the
 * chain as it will be when the row's turn comes.
 */
export function planFleet(rows: readonly FleetRow[], facts: FleetFacts, ctx: FleetPlanContext): FleetPlan {
  const named = new Map<string, string>(); // "collection:tokenId" -> first row naming it
  for (const row of rows) {
    if (row.collection && row.tokenId !== undefined && !named.has(tokenKey(row.collection, row.tokenId))) named.set(tokenKey(row.collection, row.tokenId), row.key);
  }
  const pools = new Map<string, bigint[]>();
  const poolOf = (c: CollectionFacts) => {
    let pool = pools.get(key(c.contract));
    if (!pool) pools.set(key(c.contract), (pool = c.unusedTokens.filter((t) => !named.has(tokenKey(c.contract, t)))));
    return pool;
  };
  const activated = new Map<bigint, number>();
  const projects = new Map<bigint, ProjectTotal>();
  let balanceLeft = facts.ownerBalance;
  let totalFee = 0n;
  let needed = 0n;
  const unapproved = new Set<Address>();

  const planned = rows.map((row): PlannedRow => {
    const device = facts.devices.get(row.key);
    const collection = row.collection && facts.collections.get(key(row.collection));
    if (!device || (row.collection && !collection)) return notChecked(row);
    const taken = collection && row.tokenId !== undefined && named.get(tokenKey(collection.contract, row.tokenId)) !== row.key;
    const tokenId = row.tokenId ?? (collection ? poolOf(collection)[0] : undefined);
    const projectUsed = BigInt(activated.get(collection?.projectId ?? 0n) ?? 0);
    const preflight: Preflight = {
      chainId: facts.chainId,
      blockNumber: facts.blockNumber,
      registry: facts.registry,
      domainSeparator: facts.domainSeparator,
      nonce: device.nonce,
      deviceExists: device.exists,
      projectId: collection?.projectId ?? 0n,
      projectName: collection?.projectName ?? "",
      projectType: collection?.projectType ?? 0,
      price: facts.price,
      applied: collection?.applied ?? 0n,
      actived: (collection?.actived ?? 0n) + projectUsed,
      nft: collection && { contract: collection.contract, tokenId },
      ...tokenFacts(collection, tokenId, device.token, ctx.owner),
      nftApproved: undefined,
      approvedForAll: collection?.approvedForAll ?? false,
      ownerBalance: balanceLeft,
      ownerTokens: undefined,
    };
    const subject: ClaimSubject = { ...row.subject, nft: preflight.nft };
    const base = buildChecklist(subject, { owner: ctx.owner, chainId: ctx.chainId, registry: ctx.registry, preflight, gasReserve: ctx.gasReserve, requiredProjectId: ctx.requiredProjectId });
    const fee = registrationFee(preflight);
    const checks = base.checks.map((c) => fleetWording(c, { collection, tokenId, taken: Boolean(taken), balanceLeft, fee, gasReserve: ctx.gasReserve }));
    const refusal = ctx.refused?.get(row.key);
    if (refusal) checks.push(refusal);
    const document = "id" in row.document ? undefined : row.document;
    if ("id" in row.document) checks.push(row.document);
    const ok = checks.every((c) => c.ok) && Boolean(base.signature);
    const checklist: Checklist = { checks, ok, signature: base.signature, fee };
    if (!ok || !document || !collection || tokenId === undefined || !base.signature) return { key: row.key, nft: preflight.nft, checklist, fee, register: undefined };

    if (row.tokenId === undefined) poolOf(collection).shift();
    activated.set(collection.projectId, Number(projectUsed) + 1);
    balanceLeft -= fee + ctx.gasReserve;
    totalFee += fee;
    needed += fee + ctx.gasReserve;
    if (!collection.approvedForAll) unapproved.add(collection.contract);
    const total = projects.get(collection.projectId) ?? { projectId: collection.projectId, projectName: collection.projectName, devices: 0, free: 0, paid: 0, fee: 0n, quotaLeftAfter: 0n };
    projects.set(collection.projectId, {
      ...total,
      devices: total.devices + 1,
      free: total.free + (fee === 0n ? 1 : 0),
      paid: total.paid + (fee === 0n ? 0 : 1),
      fee: total.fee + fee,
      quotaLeftAfter: fee === 0n ? collection.applied - collection.actived - projectUsed - 1n : 0n,
    });
    const register = registerCall({ registry: facts.registry, nft: { contract: collection.contract, tokenId }, device: row.subject.device, signature: base.signature, document, fee });
    return { key: row.key, nft: preflight.nft, checklist, fee, register, gas: ctx.gas?.get(row.key) };
  });

  return {
    rows: planned,
    projects: [...projects.values()],
    totalFee,
    balance: { have: facts.ownerBalance, need: needed, ok: needed <= facts.ownerBalance },
    unapproved: [...unapproved],
  };
}

const tokenKey = (contract: Address, tokenId: bigint) => `${key(contract)}:${tokenId}`;

/** Ownership and use of the row's token: from the collection's unused list, else from the lens's look at it. */
function tokenFacts(collection: CollectionFacts | undefined, tokenId: bigint | undefined, asked: DeviceFacts["token"], owner: Address) {
  if (!collection || tokenId === undefined) return { nftUsed: false, nftExists: false, nftOwner: undefined };
  if (collection.unusedTokens.includes(tokenId)) return { nftUsed: false, nftExists: true, nftOwner: owner };
  if (asked && asked.tokenId === tokenId && key(asked.contract) === key(collection.contract)) {
    return { nftUsed: asked.used, nftExists: asked.owner !== undefined, nftOwner: asked.owner };
  }
  return { nftUsed: false, nftExists: false, nftOwner: undefined };
}

/** The single claim's reasons, reworded where the queue changes their meaning (shared tokens, shared balance). */
function fleetWording(
  check: Check,
  s: { collection: CollectionFacts | undefined; tokenId: bigint | undefined; taken: boolean; balanceLeft: bigint; fee: bigint; gasReserve: bigint },
): Check {
  if (check.id === "nft-owned" && s.collection && s.taken) {
    return { ...check, ok: false, reason: text("Checks.queue.tokenTaken", { tokenId: String(s.tokenId) }) };
  }
  if (check.id === "nft-owned" && !check.ok && s.collection && s.tokenId === undefined) {
    const n = s.collection.unusedTokens.length;
    return {
      ...check,
      reason:
        n === 0
          ? text("Checks.queue.noneHeld", { collection: short(s.collection.contract) })
          : text("Checks.queue.tokensUsedUp", { count: n, collection: short(s.collection.contract) }),
    };
  }
  if (check.id === "balance" && !check.ok) {
    const need = s.fee + s.gasReserve;
    return { ...check, reason: text("Checks.queue.balanceLeft", { left: formatIotx(s.balanceLeft), needed: formatIotx(need), fee: formatIotx(s.fee) }) };
  }
  return check;
}

function notChecked(row: FleetRow): PlannedRow {
  const checklist: Checklist = {
    checks: [{ id: "queue-facts", ok: false, reason: text("Checks.queue.notChecked") }],
    ok: false,
    signature: undefined,
    fee: 0n,
  };
  return { key: row.key, nft: undefined, checklist, fee: 0n, register: undefined };
}
