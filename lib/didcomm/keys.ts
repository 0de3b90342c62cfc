import { p256 } from "@noble/curves/p256";
import { secp256k1 } from "@noble/curves/secp256k1";
import { b64uDecodeLikeC, b64uEncode } from "./base64";
import { fail } from "./errors";

export type Curve = "P-256" | "secp256k1";

/** A public key as ioConnect's DID documents publish it (`publicKeyJwk`). */
export interface EcPublicJwk {
  kty: "EC";
  crv: Curve;
  x: string;
  y: string;
}

export function curveOf(crv: Curve) {
  return crv === "P-256" ? p256 : secp256k1;
}

/**
 * The 65-byte uncompressed point of a JWK, checked to lie on its curve: ioConnect skips this
 * check (`ecc_dh.c:166-211`), which invites invalid-curve attacks on the static key.
 */
export function jwkToPoint(jwk: unknown, expected?: Curve): { crv: Curve; point: Uint8Array } {
  if (typeof jwk !== "object" || jwk === null) fail("key-invalid", "A public key must be a JWK object.");
  const { kty, crv, x, y } = jwk as Record<string, unknown>;
  if (kty !== "EC") fail("key-invalid", `A public key must have kty "EC", not ${JSON.stringify(kty)}.`);
  if (crv !== "P-256" && crv !== "secp256k1") fail("key-invalid", `Curve ${JSON.stringify(crv)} is not supported (P-256 or secp256k1).`);
  if (expected && crv !== expected) fail("key-invalid", `A ${expected} key is needed here, not ${crv}.`);
  if (typeof x !== "string" || typeof y !== "string") fail("key-invalid", "A public key JWK needs x and y.");
  const xb = b64uDecodeLikeC(x, "The key's x");
  const yb = b64uDecodeLikeC(y, "The key's y");
  if (xb.length !== 32 || yb.length !== 32) fail("key-invalid", `A ${crv} coordinate is 32 bytes; got ${xb.length} and ${yb.length}.`);
  const point = new Uint8Array(65);
  point[0] = 4;
  point.set(xb, 1);
  point.set(yb, 33);
  return { crv, point: checkPoint(crv, point) };
}

/** Accepts a compressed or uncompressed point; returns it uncompressed after the on-curve check. */
export function checkPoint(crv: Curve, point: Uint8Array): Uint8Array {
  try {
    return curveOf(crv).ProjectivePoint.fromHex(point).toRawBytes(false);
  } catch {
    return fail("key-invalid", `The ${crv} public key is not a point on the curve.`);
  }
}

export function pointToJwk(crv: Curve, point: Uint8Array): EcPublicJwk {
  const raw = checkPoint(crv, point);
  return { kty: "EC", crv, x: b64uEncode(raw.subarray(1, 33)), y: b64uEncode(raw.subarray(33, 65)) };
}

export function publicKeyOf(crv: Curve, privateKey: Uint8Array): Uint8Array {
  if (privateKey.length !== 32 || !curveOf(crv).utils.isValidPrivateKey(privateKey)) {
    fail("key-invalid", `A ${crv} private key is a 32-byte scalar between 1 and the group order.`);
  }
  return curveOf(crv).getPublicKey(privateKey, false);
}

/**
 * The x-coordinate of d·Q: ioConnect uses it directly as the key-encryption key (no KDF).
 * WebCrypto does it natively (ten times faster than JS, which matters for the inbox's throughput);
 * noble is the fallback where `crypto.subtle` is missing (insecure browser contexts).
 */
export async function ecdhX(privateKey: Uint8Array, publicPoint: Uint8Array): Promise<Uint8Array> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) return p256.getSharedSecret(privateKey, publicPoint, true).subarray(1);
  const algorithm = { name: "ECDH", namedCurve: "P-256" };
  const [priv, pub] = await Promise.all([
    importPrivate(subtle, privateKey),
    subtle.importKey("raw", publicPoint as BufferSource, algorithm, false, []),
  ]);
  return new Uint8Array(await subtle.deriveBits({ name: "ECDH", public: pub }, priv, 256));
}

// PKCS#8 wrapping of a bare P-256 scalar (RFC 5915 ECPrivateKey without the optional public key).
const PKCS8_P256_PREFIX = Uint8Array.from([
  0x30, 0x41, 0x02, 0x01, 0x00, 0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01, 0x06, 0x08, 0x2a, 0x86, 0x48,
  0xce, 0x3d, 0x03, 0x01, 0x07, 0x04, 0x27, 0x30, 0x25, 0x02, 0x01, 0x01, 0x04, 0x20,
]);
// Static keys (the server's, a device's) are used again and again; ephemeral ones pass through.
const imported = new Map<string, Promise<CryptoKey>>();

function importPrivate(subtle: SubtleCrypto, privateKey: Uint8Array): Promise<CryptoKey> {
  if (privateKey.length !== 32) fail("key-invalid", "A P-256 private key is 32 bytes.");
  const id = Array.from(privateKey, (b) => b.toString(16).padStart(2, "0")).join("");
  const cached = imported.get(id);
  if (cached) return cached;
  const der = new Uint8Array(PKCS8_P256_PREFIX.length + 32);
  der.set(PKCS8_P256_PREFIX);
  der.set(privateKey, PKCS8_P256_PREFIX.length);
  const key = subtle.importKey("pkcs8", der, { name: "ECDH", namedCurve: "P-256" }, false, ["deriveBits"]);
  if (imported.size >= 64) imported.delete(imported.keys().next().value!);
  imported.set(id, key);
  key.catch(() => imported.delete(id));
  return key;
}
