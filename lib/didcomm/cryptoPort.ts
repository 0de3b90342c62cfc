import type { CcmParams } from "./aesCcm";
import type { Curve } from "./keys";

/** A sender's one-time key: ioConnect also uses its scalar as the content-encryption key. */
export interface EphemeralKey {
  scalar: Uint8Array;
  /** 65 bytes, uncompressed. */
  publicPoint: Uint8Array;
  /** x of scalar·peer, the peer being a checked uncompressed point of a recipient's static key. */
  agree(peer: Uint8Array): Promise<Uint8Array>;
}

/**
 * The primitives ioConnect's JWE and JWS rest on, as a port. lib/didcomm's own implementation
 * (portableCrypto: WebCrypto, @noble) runs in browsers and Node alike; a server may pass a faster
 * one (lib/server/didcomm/nodeCrypto: OpenSSL through node:crypto). Every implementation must give
 * the same bytes and verdicts: the vector tests (jwe.test.ts, jws.test.ts) run against each.
 * Inputs reach these functions already bounded and checked (points on the curve, sizes).
 */
export interface DidcommCrypto {
  /** A new random one-time P-256 key. */
  freshEphemeralKey(): Promise<EphemeralKey>;
  /** The one-time key of a given scalar (recorded randomness); throws when the scalar is out of range. */
  ephemeralKeyFrom(scalar: Uint8Array): EphemeralKey;
  /** x of d·Q for a static P-256 private key (the server's, a device's) and a peer's one-time point. */
  ecdhX(privateKey: Uint8Array, publicPoint: Uint8Array): Promise<Uint8Array>;
  /** AES-CCM (SP 800-38C); decrypt throws `decrypt-failed` when the tag does not authenticate. */
  ccmEncrypt(p: CcmParams, plaintext: Uint8Array): { ciphertext: Uint8Array; tag: Uint8Array };
  ccmDecrypt(p: CcmParams, ciphertext: Uint8Array, tag: Uint8Array): Uint8Array;
  /** AES-CBC without padding over whole blocks: ioConnect's key wrap. */
  cbcEncrypt(key: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array;
  cbcDecrypt(key: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array;
  /** ECDSA over SHA-256 of `message`, raw r‖s (64 bytes); throws `key-invalid` for a bad key. */
  sign(crv: Curve, message: Uint8Array, privateKey: Uint8Array): Promise<Uint8Array>;
  /** ECDSA over SHA-256, raw r‖s with r and s in [1, n-1], high S accepted (ioConnect does not normalise S). */
  verify(crv: Curve, message: Uint8Array, signature: Uint8Array, publicKey: Uint8Array): Promise<boolean>;
}
