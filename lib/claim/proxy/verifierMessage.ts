import { encodePacked, recoverMessageAddress, type Address, type Hex } from "viem";

/**
 * What a VerifyingProxy's verifier signs (EIP-191 personal_sign) to vouch for a registration: the 72 bytes of
 * abi.encodePacked(uint256 chainId, address owner, address device). No nonce, expiry or proxy address — the
 * signature stays valid for that triple on every proxy with the same verifier.
 */
export function verifierMessage(chainId: number, owner: Address, device: Address): Hex {
  return encodePacked(["uint256", "address", "address"], [BigInt(chainId), owner, device]);
}

/** The address that signed `verifySignature` over the triple, or null when it is not a recoverable signature. */
export async function recoverVerifier(
  verifySignature: Hex,
  chainId: number,
  owner: Address,
  device: Address,
): Promise<Address | null> {
  try {
    return await recoverMessageAddress({ message: { raw: verifierMessage(chainId, owner, device) }, signature: verifySignature });
  } catch {
    return null;
  }
}
