import { createPublicKey, verify, type KeyObject } from "node:crypto";
import { bytesToHex } from "@noble/hashes/utils";
import { b64uEncode } from "../../didcomm/base64";
import type { SignatureCheck } from "../../didcomm/jws";
import { checkPoint } from "../../didcomm/keys";

// Devices sign with the same key every time: its parsed form is kept, for a bounded number of devices.
const keys = new Map<string, KeyObject>();
const MAX_KEYS = 10_000;

/**
 * A device's secp256k1 signatures checked by OpenSSL on Node's thread pool: a verification in JS
 * costs milliseconds of the event loop, which capped the inbox near 100 signed messages a second.
 * The same rule as `verifyBytes`: ECDSA over SHA-256, raw r‖s with r and s in [1, n-1], high S
 * accepted (ioConnect does not normalise S). The point is checked on the curve before use.
 */
export function secp256k1SignatureCheck(publicKey: Uint8Array): SignatureCheck {
  const id = bytesToHex(publicKey);
  let key = keys.get(id);
  if (!key) {
    const point = checkPoint("secp256k1", publicKey);
    key = createPublicKey({ key: { kty: "EC", crv: "secp256k1", x: b64uEncode(point.subarray(1, 33)), y: b64uEncode(point.subarray(33, 65)) }, format: "jwk" });
    if (keys.size >= MAX_KEYS) keys.delete(keys.keys().next().value!);
    keys.set(id, key);
  }
  const parsed = key;
  return (message, signature) =>
    new Promise((resolve) => verify("sha256", message, { key: parsed, dsaEncoding: "ieee-p1363" }, signature, (error, ok) => resolve(!error && ok)));
}
