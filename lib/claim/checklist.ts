import { isAddressEqual, type Address, type Hex } from "viem";
import { isDeviceError } from "../untrusted/errors";
import { permitDigest, permitDigestFromDomainSeparator } from "../device/permit";
import { formatIotx } from "../chain/formatIotx";
import { text, type Text } from "../i18n/text";
import { recoverDeviceSignature, type DeviceSignature } from "../device/signature";
import { registrationFee, type Preflight } from "./preflight";

export type CheckId =
  | "identity"
  | "network"
  | "signature"
  | "device-unregistered"
  | "project"
  | "nft-owned"
  | "nft-unused"
  | "fee"
  | "balance"
  | "document"
  | "simulation"
  | "proxy-project"
  | "proxy-verifier"
  | "proxy-signature"
  | "page-project"
  | "takeover-holder"
  | "takeover-signature"
  | "takeover-moves"
  | "takeover-simulation"
  | "queue-facts";

export interface Check {
  id: CheckId;
  ok: boolean;
  /** Plain language: why it passed, or what is wrong. The row's title is the id's (messages: Checks.title). */
  reason: Text;
  /** What to do about it, said after the reason (a dry run's refusal). */
  advice?: Text | undefined;
}


/** What the device handed over, reduced to what verification needs. */
export interface ClaimSubject {
  device: Address;
  did: string;
  /** How the device key was tied to the DID before signing (public key, DID Document), if at all. */
  keyEvidence: "public-key" | "did-document" | "none";
  /** r‖s or r‖s‖v from the device. */
  signature: Hex | undefined;
  /** What the signer says it signed for (pre-signed payloads); absent when we asked the device ourselves. */
  signedFor?: { owner?: Address; nonce?: bigint; chainId?: number; registry?: Address } | undefined;
  /** tokenId undefined: the owner holds no unused token of the contract (the preflight found none to pick). */
  nft: { contract: Address; tokenId: bigint | undefined } | undefined;
}

export interface ChecklistContext {
  owner: Address;
  chainId: number;
  registry: Address;
  preflight: Preflight;
  /** Native currency kept aside for gas when judging the balance. */
  gasReserve: bigint;
  /** Restriction by an embedding project: the claim must be for this project id. */
  requiredProjectId?: bigint | undefined;
}

export interface Checklist {
  checks: Check[];
  ok: boolean;
  /** The verified signature, ready for `register` (v recovered, r and s as the device made them). */
  signature: DeviceSignature | undefined;
  fee: bigint;
}

const short = (a: string) => `${a.slice(0, 6)}…${a.slice(-4)}`;

// Recovering a signature costs milliseconds (tens on a busy phone); a fleet re-plans its whole queue after every
// choice the owner makes, on the same digests. Pure, so remembered by its inputs; bounded.
const recovered = new Map<string, DeviceSignature>();
function recoverOnce(args: { digest: Hex; rs: Hex; device: Address }): DeviceSignature {
  const key = `${args.digest}:${args.rs}:${args.device}`.toLowerCase();
  const known = recovered.get(key);
  if (known) return known;
  const value = recoverDeviceSignature(args);
  if (recovered.size >= 1000) recovered.clear();
  recovered.set(key, value);
  return value;
}


/** Pure: the verdict on a claim from what the device sent and what the chain said. */
export function buildChecklist(subject: ClaimSubject, ctx: ChecklistContext): Checklist {
  const { preflight: p } = ctx;
  const checks: Check[] = [];
  const add = (id: CheckId, ok: boolean, reason: Text) => checks.push({ id, ok, reason });
  const did = { did: subject.did };

  add(
    "identity",
    true,
    subject.keyEvidence === "public-key"
      ? text("Checks.identity.publicKey", did)
      : subject.keyEvidence === "did-document"
        ? text("Checks.identity.didDocument", did)
        : text("Checks.identity.wellFormed", did),
  );

  const networkOk = p.chainId === ctx.chainId;
  add(
    "network",
    networkOk,
    networkOk
      ? text("Checks.network.ok", { chainId: String(ctx.chainId), registry: short(ctx.registry) })
      : text("Checks.network.wrongChain", { answered: String(p.chainId), chainId: String(ctx.chainId) }),
  );

  const signature = verifySignature(subject, ctx);
  add("signature", signature.ok, signature.reason);

  add(
    "device-unregistered",
    !p.deviceExists,
    p.deviceExists ? text("Checks.deviceUnregistered.registered") : text("Checks.deviceUnregistered.free"),
  );

  checks.push(projectCheck(subject, ctx));
  checks.push(ownershipCheck(subject, ctx));

  add(
    "nft-unused",
    !p.nftUsed,
    p.nftUsed ? text("Checks.nftUnused.used") : text("Checks.nftUnused.unused"),
  );

  const fee = registrationFee(p);
  const left = p.applied - p.actived;
  add(
    "fee",
    true,
    fee === 0n ? text("Checks.fee.free", { left: String(left), applied: String(p.applied) }) : text("Checks.fee.paid", { fee: formatIotx(fee) }),
  );

  const needed = fee + ctx.gasReserve;
  const balanceOk = p.ownerBalance >= needed;
  add(
    "balance",
    balanceOk,
    balanceOk
      ? text("Checks.balance.ok", { balance: formatIotx(p.ownerBalance) })
      : text("Checks.balance.short", { balance: formatIotx(p.ownerBalance), needed: formatIotx(needed), fee: formatIotx(fee) }),
  );

  return { checks, ok: checks.every((c) => c.ok), signature: signature.value, fee };
}

function verifySignature(subject: ClaimSubject, ctx: ChecklistContext): { ok: boolean; reason: Text; value?: DeviceSignature } {
  const p = ctx.preflight;
  if (!subject.signature) return { ok: false, reason: text("Checks.signature.notYet") };
  // The registry checks against its cached domain separator, so the digest is built from it, not recomputed.
  const digest = permitDigestFromDomainSeparator(p.domainSeparator, ctx.owner, p.nonce);
  try {
    const value = recoverOnce({ digest, rs: subject.signature, device: subject.device });
    return {
      ok: true,
      value,
      reason: text(value.highS ? "Checks.signature.okHighS" : "Checks.signature.ok", { owner: short(ctx.owner), nonce: String(p.nonce) }),
    };
  } catch (error) {
    if (!isDeviceError(error)) throw error;
    return { ok: false, reason: explainSignatureMismatch(subject, ctx) ?? error.said };
  }
}

/** Names the one parameter the device signed differently, when the claimed parameters make the signature valid. */
function explainSignatureMismatch(subject: ClaimSubject, ctx: ChecklistContext): Text | undefined {
  const claimed = subject.signedFor;
  if (!claimed || !subject.signature) return undefined;
  const params = {
    owner: claimed.owner ?? ctx.owner,
    nonce: claimed.nonce ?? ctx.preflight.nonce,
    chainId: claimed.chainId ?? ctx.chainId,
    registry: claimed.registry ?? ctx.registry,
  };
  try {
    recoverDeviceSignature({ digest: permitDigest(params), rs: subject.signature, device: subject.device });
  } catch {
    return undefined;
  }
  if (!isAddressEqual(params.owner, ctx.owner)) {
    return text("Checks.signature.otherOwner", { signedOwner: params.owner, owner: ctx.owner });
  }
  if (params.chainId !== ctx.chainId) {
    return text("Checks.signature.otherChain", { signedChain: String(params.chainId), chainId: String(ctx.chainId) });
  }
  if (!isAddressEqual(params.registry, ctx.registry)) {
    return text("Checks.signature.otherRegistry", { signedRegistry: params.registry, registry: ctx.registry });
  }
  if (params.nonce !== ctx.preflight.nonce) {
    return text("Checks.signature.stale", { signedNonce: String(params.nonce), nonce: String(ctx.preflight.nonce) });
  }
  return undefined;
}

function projectCheck(subject: ClaimSubject, ctx: ChecklistContext): Check {
  const p = ctx.preflight;
  const base = { id: "project" as const };
  if (!subject.nft) return { ...base, ok: false, reason: text("Checks.project.noNft") };
  if (p.projectId === 0n) {
    return {
      ...base,
      ok: false,
      reason: text("Checks.project.unbound", { collection: short(subject.nft.contract) }),
    };
  }
  if (ctx.requiredProjectId !== undefined && p.projectId !== ctx.requiredProjectId) {
    return {
      ...base,
      ok: false,
      reason: text("Checks.project.otherProject", { projectId: String(p.projectId), projectName: p.projectName, requiredId: String(ctx.requiredProjectId) }),
    };
  }
  return { ...base, ok: true, reason: text("Checks.project.ok", { projectId: String(p.projectId), projectName: p.projectName }) };
}

function ownershipCheck(subject: ClaimSubject, ctx: ChecklistContext): Check {
  const p = ctx.preflight;
  const base = { id: "nft-owned" as const };
  if (!subject.nft) return { ...base, ok: false, reason: text("Checks.nftOwned.noneChosen") };
  if (subject.nft.tokenId === undefined) {
    return {
      ...base,
      ok: false,
      reason: text("Checks.nftOwned.noneHeld", { collection: short(subject.nft.contract) }),
    };
  }
  if (!p.nftExists || !p.nftOwner) {
    return { ...base, ok: false, reason: text("Checks.nftOwned.missing", { tokenId: String(subject.nft.tokenId), collection: short(subject.nft.contract) }) };
  }
  if (!isAddressEqual(p.nftOwner, ctx.owner)) {
    return {
      ...base,
      ok: false,
      reason: text("Checks.nftOwned.otherHolder", { tokenId: String(subject.nft.tokenId), holder: p.nftOwner }),
    };
  }
  return { ...base, ok: true, reason: text("Checks.nftOwned.ok", { tokenId: String(subject.nft.tokenId) }) };
}
