import { keccak256, zeroHash, type Address, type Hex } from "viem";
import { permitDigest } from "../device/permit";

// Hashes other IoTeX tools register that commit to no document at all (shared REFERENCE.md §4.3): zero, keccak256
// of nothing ("0x"), keccak256 of the device's 20 address bytes (ioid-register-flow-demo), and the EIP-712
// Permit digest the device signed to register (community registration scripts). A document cannot be checked
// against them; saying "mismatch" would call an honest record tampered.

export type NonDocumentCommitment = "zero" | "empty" | "device-address" | "register-permit";

/** What a record says about itself, enough to recompute each non-document hash. */
export interface HashContext {
  device: Address;
  chainId: number;
  registry: Address;
  /** The ioID's owner now: the registering owner, unless the ioID changed hands since. */
  owner: Address | undefined;
  /** nonces(device) now: the register Permit used one of the nonces below it. */
  nonce: bigint;
}

/** Permit digests are tried for this many past nonces at most (register, then updates). */
const MAX_NONCES_TRIED = 64n;

export function recognizeNonDocumentHash(onChain: Hex, context: HashContext | undefined): NonDocumentCommitment | undefined {
  const target = onChain.toLowerCase();
  if (target === zeroHash) return "zero";
  if (target === keccak256("0x")) return "empty";
  if (!context) return undefined;
  if (target === keccak256(context.device).toLowerCase()) return "device-address";
  if (context.owner) {
    const from = context.nonce > MAX_NONCES_TRIED ? context.nonce - MAX_NONCES_TRIED : 0n;
    for (let nonce = from; nonce < context.nonce; nonce++) {
      if (permitDigest({ chainId: context.chainId, registry: context.registry, owner: context.owner, nonce }).toLowerCase() === target) return "register-permit";
    }
  }
  return undefined;
}
