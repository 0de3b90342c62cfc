/**
 * secp256k1 ECDSA verification on libsecp256k1 (Bitcoin Core's library, through the `secp256k1` package's
 * prebuilt N-API addon): about 90 µs a signature here, against 640 µs for OpenSSL's generic curve code, and
 * a device-signed inbox message needs one. The package's own entry point falls back to a JavaScript
 * implementation when the addon does not load; this loads only the addon, and where there is none (a
 * platform without a prebuild) the caller keeps using OpenSSL.
 */

/** The addon's functions this module uses (the package's `bindings` entry point). */
interface Libsecp256k1 {
  ecdsaVerify(signature: Uint8Array, message32: Uint8Array, publicKey: Uint8Array): boolean;
  signatureNormalize(signature: Uint8Array): Uint8Array;
}

/** The addon, or undefined where it does not load; looked up once. */
export const libsecp256k1: Promise<Libsecp256k1 | undefined> = import("secp256k1/bindings").then(
  (m: { default: Libsecp256k1 }) => m.default,
  () => undefined,
);

/**
 * Verifies a raw r‖s signature over a SHA-256 digest with an uncompressed, already checked public key.
 * High S is accepted as OpenSSL and ioConnect accept it: libsecp256k1 verifies only low-S signatures, and
 * (r, s) verifies exactly when (r, n−s) does, so s is normalised first. r or s out of [1, n−1] is refused.
 */
export function verifyWith(lib: Libsecp256k1, digest: Uint8Array, signature: Uint8Array, publicKey: Uint8Array): boolean {
  try {
    return lib.ecdsaVerify(lib.signatureNormalize(Uint8Array.from(signature)), digest, publicKey);
  } catch {
    // The addon throws when r or s is not below n, or the key does not parse: not a valid signature.
    return false;
  }
}
