import { isAddress, isHex, type Address, type Hex } from "viem";
import { z } from "zod";
import type { SourceKind } from "@/lib/claim/machine";

/** A claim in flight, kept across reloads: what the device gave and what was already sent. */
export interface StoredClaim {
  raw: string;
  source: SourceKind;
  nft: { contract: Address; tokenId?: bigint | undefined } | undefined;
  chainId: number;
  owner: Address;
  hashes: Hex[];
}

const key = "ioid-device-wallet:claim:v1";
const address = z.string().refine((s): s is Address => isAddress(s));
const hash = z.string().refine((s): s is Hex => isHex(s) && s.length === 66);

// Storage is a boundary too: another tab, an older version or a hand edit may have written anything.
const storedSchema = z.object({
  raw: z.string().max(16_384),
  source: z.enum(["camera", "image", "paste", "link", "http", "ble", "serial"]),
  nft: z.object({ contract: address, tokenId: z.string().regex(/^\d+$/).optional() }).optional(),
  chainId: z.number().int().positive(),
  owner: address,
  hashes: z.array(hash).max(4),
});

export function loadClaim(): StoredClaim | undefined {
  try {
    const raw = window.localStorage.getItem(key);
    if (!raw) return undefined;
    const parsed = storedSchema.safeParse(JSON.parse(raw));
    if (!parsed.success) {
      window.localStorage.removeItem(key);
      return undefined;
    }
    const { nft, ...rest } = parsed.data;
    return { ...rest, nft: nft && { contract: nft.contract, tokenId: nft.tokenId === undefined ? undefined : BigInt(nft.tokenId) } };
  } catch {
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
