/**
 * Size bounds, from what ioConnect itself can produce or accept (DIDCOMM.md §2-3), so a
 * hostile input is refused before any work is spent on it.
 */
export const LIMITS = {
  /** The C code reads the plaintext with strlen and CCM's 2-byte length field caps it. */
  maxPlaintextBytes: 65_535,
  /** CCM's short AAD encoding (`ccm_mode.c:148-149`): the protected header must stay below it. */
  maxProtectedBytes: 65_279,
  /** `iotex_jwe_encrypt` takes at most 4 recipient kids. */
  maxRecipients: 4,
  /** A whole JWE: the largest ciphertext and header in base64url, plus room for 4 recipients. */
  maxJweChars: 160_000,
  /** A JWS or DIDComm signed message carries at most one maximal payload. */
  maxJwsChars: 100_000,
  maxKidChars: 512,
} as const;
