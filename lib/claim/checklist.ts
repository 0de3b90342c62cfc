import { isAddressEqual, type Address, type Hex } from "viem";
import { isDeviceError } from "../device/errors";
import { permitDigest, permitDigestFromDomainSeparator } from "../device/permit";
import { formatIotx } from "../chain/formatIotx";
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
  | "takeover-holder"
  | "takeover-signature"
  | "takeover-moves";

export interface Check {
  id: CheckId;
  ok: boolean;
  title: string;
  /** Plain language: why it passed, or what is wrong and what to do. */
  reason: string;
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
  const add = (id: CheckId, ok: boolean, title: string, reason: string) => checks.push({ id, ok, title, reason });

  add(
    "identity",
    true,
    "Device identity",
    subject.keyEvidence === "public-key"
      ? `${subject.did} is derived from the device's public key.`
      : subject.keyEvidence === "did-document"
        ? `${subject.did} matches the secp256k1 key in the device's DID Document.`
        : `${subject.did} is well-formed; the signature below proves the device holds its key.`,
  );

  const networkOk = p.chainId === ctx.chainId;
  add(
    "network",
    networkOk,
    "Network",
    networkOk
      ? `Connected to chain ${ctx.chainId}; registry ${short(ctx.registry)}.`
      : `The chain answered as ${p.chainId}, but your wallet is on ${ctx.chainId}. Switch network and check again.`,
  );

  const signature = verifySignature(subject, ctx);
  add("signature", signature.ok, "Device signature", signature.reason);

  add(
    "device-unregistered",
    !p.deviceExists,
    "Device not yet registered",
    p.deviceExists
      ? "This device already has an ioID. If it is yours, find it under My devices; a device is registered once."
      : "No ioID exists for this device yet.",
  );

  checks.push(projectCheck(subject, ctx));
  checks.push(ownershipCheck(subject, ctx));

  add(
    "nft-unused",
    !p.nftUsed,
    "Device NFT unused",
    p.nftUsed
      ? "This device NFT was already used for a registration (even a removed one keeps it used). Pick another token."
      : "This device NFT has not been used for an ioID.",
  );

  const fee = registrationFee(p);
  const left = p.applied - p.actived;
  add(
    "fee",
    true,
    "Registration fee",
    fee === 0n
      ? `Free: prepaid by the project (${left} of ${p.applied} ioIDs left).`
      : `The project's prepaid ioIDs are used up: registering costs ${formatIotx(fee)}, paid with the transaction.`,
  );

  const needed = fee + ctx.gasReserve;
  const balanceOk = p.ownerBalance >= needed;
  add(
    "balance",
    balanceOk,
    "Wallet balance",
    balanceOk
      ? `${formatIotx(p.ownerBalance)} covers the fee and gas.`
      : `You have ${formatIotx(p.ownerBalance)}; about ${formatIotx(needed)} is needed (fee ${formatIotx(fee)} + gas). Top up and check again.`,
  );

  return { checks, ok: checks.every((c) => c.ok), signature: signature.value, fee };
}

function verifySignature(subject: ClaimSubject, ctx: ChecklistContext): { ok: boolean; reason: string; value?: DeviceSignature } {
  const p = ctx.preflight;
  if (!subject.signature) return { ok: false, reason: "The device has not signed yet." };
  // The registry checks against its cached domain separator, so the digest is built from it, not recomputed.
  const digest = permitDigestFromDomainSeparator(p.domainSeparator, ctx.owner, p.nonce);
  try {
    const value = recoverOnce({ digest, rs: subject.signature, device: subject.device });
    return {
      ok: true,
      value,
      reason: `Signed by the device for your account ${short(ctx.owner)}, nonce ${p.nonce}, on this chain and registry${value.highS ? " (high-s, accepted by the registry)" : ""}.`,
    };
  } catch (error) {
    if (!isDeviceError(error)) throw error;
    return { ok: false, reason: explainSignatureMismatch(subject, ctx) ?? error.message };
  }
}

/** Names the one parameter the device signed differently, when the claimed parameters make the signature valid. */
function explainSignatureMismatch(subject: ClaimSubject, ctx: ChecklistContext): string | undefined {
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
    return `The device signed for another owner (${params.owner}), not your connected account ${ctx.owner}. Connect that account or ask the device to sign again.`;
  }
  if (params.chainId !== ctx.chainId) {
    return `The device signed for chain ${params.chainId}, but you are on chain ${ctx.chainId}. Switch network or sign again for this chain.`;
  }
  if (!isAddressEqual(params.registry, ctx.registry)) {
    return `The device signed for another ioID registry (${params.registry}); this chain's registry is ${ctx.registry}.`;
  }
  if (params.nonce !== ctx.preflight.nonce) {
    return `The signature is stale: it was made for nonce ${params.nonce}, and the registry now expects nonce ${ctx.preflight.nonce}. Ask the device for a fresh signature.`;
  }
  return undefined;
}

function projectCheck(subject: ClaimSubject, ctx: ChecklistContext): Check {
  const p = ctx.preflight;
  const base = { id: "project" as const, title: "ioID project" };
  if (!subject.nft) return { ...base, ok: false, reason: "Choose the device NFT you received with the device." };
  if (p.projectId === 0n) {
    return {
      ...base,
      ok: false,
      reason: `The NFT collection ${short(subject.nft.contract)} is not bound to any ioID project, so it cannot register devices. Check you picked the device's NFT.`,
    };
  }
  if (ctx.requiredProjectId !== undefined && p.projectId !== ctx.requiredProjectId) {
    return {
      ...base,
      ok: false,
      reason: `This device NFT belongs to project #${p.projectId} (${p.projectName}), but this page only claims devices of project #${ctx.requiredProjectId}.`,
    };
  }
  return { ...base, ok: true, reason: `Project #${p.projectId} “${p.projectName}”.` };
}

function ownershipCheck(subject: ClaimSubject, ctx: ChecklistContext): Check {
  const p = ctx.preflight;
  const base = { id: "nft-owned" as const, title: "Device NFT in your wallet" };
  if (!subject.nft) return { ...base, ok: false, reason: "No device NFT chosen yet." };
  if (subject.nft.tokenId === undefined) {
    return {
      ...base,
      ok: false,
      reason: `Your wallet holds no unused token of collection ${short(subject.nft.contract)}. Connect the wallet that received the device NFT.`,
    };
  }
  if (!p.nftExists || !p.nftOwner) {
    return { ...base, ok: false, reason: `Token #${subject.nft.tokenId} does not exist in collection ${short(subject.nft.contract)}.` };
  }
  if (!isAddressEqual(p.nftOwner, ctx.owner)) {
    return {
      ...base,
      ok: false,
      reason: `Token #${subject.nft.tokenId} belongs to ${p.nftOwner}, not your connected account. Connect the wallet that holds it.`,
    };
  }
  return { ...base, ok: true, reason: `You hold token #${subject.nft.tokenId}.` };
}
