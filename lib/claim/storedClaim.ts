import { isAddress, isHex, type Address, type Hex } from "viem";
import { z } from "zod";
import { sourceKinds, type SourceKind } from "./sourceKind";

/** A claim in flight, kept across reloads: what the device gave and what was already sent. */
export interface StoredClaim {
  raw: string;
  source: SourceKind;
  nft: { contract: Address; tokenId?: bigint | undefined } | undefined;
  chainId: number;
  owner: Address;
  hashes: Hex[];
}

const address = z.string().refine((s): s is Address => isAddress(s));
const hash = z.string().refine((s): s is Hex => isHex(s) && s.length === 66);

// Storage is a boundary too: another tab, an older version or a hand edit may have written anything.
const storedSchema = z.object({
  raw: z.string().max(16_384),
  source: z.enum(sourceKinds),
  nft: z.object({ contract: address, tokenId: z.string().regex(/^\d+$/).optional() }).optional(),
  chainId: z.number().int().positive(),
  owner: address,
  hashes: z.array(hash).max(4),
});

/** A stored claim (readStoredClaim), or undefined when it is not one this version wrote. */
export function parseStoredClaim(json: unknown): StoredClaim | undefined {
  const parsed = storedSchema.safeParse(json);
  if (!parsed.success) return undefined;
  const { nft, ...rest } = parsed.data;
  return { ...rest, nft: nft && { contract: nft.contract, tokenId: nft.tokenId === undefined ? undefined : BigInt(nft.tokenId) } };
}
