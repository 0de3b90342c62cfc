import type { StoredClaim } from "@/lib/claim/storedClaim";

const key = "ioid-device-wallet:claim:v1";

/**
 * What this tab stored for a claim in flight, unchecked: undefined when nothing is (the common case, answered
 * without loading the schema). parseStoredClaim (in the lazily loaded verifier) decides what it is worth.
 */
export function readStoredClaim(): unknown {
  try {
    const raw = window.localStorage.getItem(key);
    return raw ? JSON.parse(raw) : undefined;
  } catch {
    // Unreadable JSON, or storage that is off: either way there is no claim to resume.
    clearClaim();
    return undefined;
  }
}

export function saveClaim(claim: StoredClaim): void {
  const { nft, ...rest } = claim;
  try {
    window.localStorage.setItem(
      key,
      JSON.stringify({ ...rest, nft: nft && { contract: nft.contract, tokenId: nft.tokenId?.toString() } }),
    );
  } catch {
    // Private mode or a full quota: the claim still works, it just cannot resume after a reload.
  }
}

export function clearClaim(): void {
  try {
    window.localStorage.removeItem(key);
  } catch {
    // See saveClaim.
  }
}
