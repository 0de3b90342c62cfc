import { p256 } from "@noble/curves/p256";
import { secp256k1 } from "@noble/curves/secp256k1";
import { bytesToHex } from "@noble/hashes/utils";
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
    const checked = curveOf(crv).ProjectivePoint.fromHex(point);
    // An uncompressed point that passed (coordinates below p, on the curve) is already its own encoding.
    return point.length === 65 ? point.slice() : checked.toRawBytes(false);
  } catch {
    return fail("key-invalid", `The ${crv} public key is not a point on the curve.`);
  }
}

// A recipient's static key comes back message after message, and a point found on the curve stays
// on it: the checked form of a bounded number of them is kept (only points that passed; a one-time
// epk is checked with checkPoint, never kept).
const checkedStatic = new Map<string, Uint8Array>();
const CHECKED_STATIC_MAX = 4096;

/** `checkPoint` for a key used again and again (a recipient's key-agreement key). */
export function checkStaticPoint(crv: Curve, point: Uint8Array): Uint8Array {
  const id = `${crv} ${bytesToHex(point)}`;
  const known = checkedStatic.get(id);
  if (known) return known.slice();
  const checked = checkPoint(crv, point);
  if (checkedStatic.size >= CHECKED_STATIC_MAX) checkedStatic.delete(checkedStatic.keys().next().value!);
  checkedStatic.set(id, checked.slice());
  return checked;
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
