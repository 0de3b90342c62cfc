import { createCipheriv, createDecipheriv, createECDH, createHash, createPublicKey, verify, type KeyObject } from "node:crypto";
import { bytesToHex } from "@noble/hashes/utils";
import { checkCcmParams, type CcmParams } from "../../didcomm/aesCcm";
import { b64uEncode } from "../../didcomm/base64";
import type { DidcommCrypto, EphemeralKey } from "../../didcomm/cryptoPort";
import { fail } from "../../didcomm/errors";
import { checkPoint, checkStaticPoint, publicKeyOf, type Curve } from "../../didcomm/keys";
import { ecdhOnWorker, freshKeyOnWorker, signOnWorker, verifySecp256k1OnWorker } from "./cryptoWorkers";
import { libsecp256k1, verifyWith } from "./libsecp256k1";

/**
 * DIDComm's primitives on OpenSSL (node:crypto), for the server: AES runs natively without WebCrypto's
 * per-call key objects; key generation, P-256 ECDH and ECDSA signing run on the crypto workers and
 * verification on libuv's thread pool, off the event loop and onto the machine's other cores. Same bytes
 * and verdicts as portableCrypto: jwe.test.ts and jws.test.ts run every vector against both.
 */
export const openSslCrypto: DidcommCrypto = {
  async freshEphemeralKey() {
    const { scalar, publicPoint } = await freshKeyOnWorker();
    return ephemeral(scalar, publicPoint);
  },
  ephemeralKeyFrom(scalar) {
    // Range-checked first: OpenSSL would reduce an out-of-range scalar where ioConnect draws again.
    publicKeyOf("P-256", scalar);
    const ecdh = createECDH("prime256v1");
    ecdh.setPrivateKey(scalar);
    return ephemeral(ecdh.getPrivateKey(), ecdh.getPublicKey());
  },
  async ecdhX(privateKey, publicPoint) {
    if (privateKey.length !== 32) fail("key-invalid", "A P-256 private key is 32 bytes.");
    return ecdhOnWorker(privateKey, publicPoint, true);
  },
  ccmEncrypt(p, plaintext) {
    const cipher = createCipheriv(ccmName(p, plaintext.length), p.key, p.nonce, { authTagLength: p.tagLength });
    if (p.aad.length > 0) cipher.setAAD(p.aad, { plaintextLength: plaintext.length });
    const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return { ciphertext, tag: cipher.getAuthTag() };
  },
  ccmDecrypt(p, ciphertext, tag) {
    const name = ccmName(p, ciphertext.length);
    if (tag.length !== p.tagLength) fail("decrypt-failed", `The tag is ${tag.length} bytes; ${p.tagLength} expected.`);
    try {
      const decipher = createDecipheriv(name, p.key, p.nonce, { authTagLength: p.tagLength });
      decipher.setAuthTag(tag);
      if (p.aad.length > 0) decipher.setAAD(p.aad, { plaintextLength: ciphertext.length });
      return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
    } catch {
      return fail("decrypt-failed", "The content does not authenticate (AES-CCM tag mismatch): wrong key, or the message was altered.");
    }
  },
  cbcEncrypt: (key, iv, data) => cbc(createCipheriv(`aes-${key.length * 8}-cbc`, key, iv), data),
  cbcDecrypt: (key, iv, data) => cbc(createDecipheriv(`aes-${key.length * 8}-cbc`, key, iv), data),
  async sign(crv, message, privateKey) {
    checkPrivateKey(crv, privateKey);
    return signOnWorker(crv, message, privateKey);
  },
  async verify(crv, message, signature, publicKey) {
    if (signature.length !== 64) return false;
    const key = publicKeyObject(crv, publicKey);
    return new Promise((resolve) => verify("sha256", message, { key, dsaEncoding: "ieee-p1363" }, signature, (error, ok) => resolve(!error && ok)));
  },
};

/**
 * The server's primitives: OpenSSL's, but secp256k1 signatures (devices' signed messages) are verified by
 * libsecp256k1, seven times faster than OpenSSL's generic curve code: on a crypto worker, or on the event
 * loop where the workers cannot load the addon (or one stopped), or by OpenSSL where the addon does not load at
 * all. The vector tests run against this and against openSslCrypto alone.
 */
export const nodeCrypto: DidcommCrypto = {
  ...openSslCrypto,
  async verify(crv, message, signature, publicKey) {
    if (crv !== "secp256k1") return openSslCrypto.verify(crv, message, signature, publicKey);
    if (signature.length !== 64) return false;
    // Checked on the curve as for OpenSSL (a device's key comes back message after message: kept once checked).
    const point = checkStaticPoint(crv, publicKey);
    if (workerVerifies) {
      // A worker that stopped fails only this request (the pool replaces it): verified here instead.
      const verdict = await verifySecp256k1OnWorker(message, signature, point).catch(() => undefined);
      if (typeof verdict === "boolean") return verdict;
      if (verdict === "unavailable") workerVerifies = false;
    }
    const lib = await libsecp256k1;
    if (!lib) return openSslCrypto.verify(crv, message, signature, publicKey);
    return verifyWith(lib, createHash("sha256").update(message).digest(), signature, point);
  },
};

// Cleared for good once a worker answers that it cannot load libsecp256k1 (it resolves from the working directory).
let workerVerifies = true;

function ephemeral(raw: Uint8Array, publicPoint: Uint8Array): EphemeralKey {
  // OpenSSL gives the scalar without leading zero bytes (1 time in 256); the CEK is always 32 bytes.
  const scalar = new Uint8Array(32);
  scalar.set(raw, 32 - raw.length);
  return { scalar, publicPoint, agree: (peer) => ecdhOnWorker(scalar, peer, false) };
}

function ccmName(p: CcmParams, length: number): "aes-128-ccm" | "aes-192-ccm" | "aes-256-ccm" {
  checkCcmParams(p, length);
  return `aes-${p.key.length * 8}-ccm` as "aes-128-ccm" | "aes-192-ccm" | "aes-256-ccm";
}

function cbc(cipher: ReturnType<typeof createCipheriv> | ReturnType<typeof createDecipheriv>, data: Uint8Array): Uint8Array {
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(data), cipher.final()]);
}

// Static keys (the server's signing key, the devices' signing keys) serve again and again: their checks and
// parsed forms are kept, a bounded number of each, keyed by the key itself. Nothing derived from a one-time
// key or a message is kept, and a key object only saves re-parsing: every use still does the full arithmetic
// and checks (the peer point in computeSecret, the signature in verify).
const checkedPrivateKeys = bounded<true>(64);
const publicKeys = bounded<KeyObject>(10_000);

/** A signing key is checked here, where its refusal is worded, before a worker signs with it. */
function checkPrivateKey(crv: Curve, privateKey: Uint8Array): void {
  checkedPrivateKeys(`${crv} ${bytesToHex(privateKey)}`, () => {
    try {
      publicKeyOf(crv, privateKey);
      return true;
    } catch {
      return fail("key-invalid", `The ${crv} signing key is not valid.`);
    }
  });
}

function publicKeyObject(crv: Curve, publicKey: Uint8Array): KeyObject {
  // Checked on the curve before OpenSSL sees it, as verifyBytes does.
  return publicKeys(`${crv} ${bytesToHex(publicKey)}`, () => createPublicKey({ key: jwkOf(crv, checkPoint(crv, publicKey)), format: "jwk" }));
}

function jwkOf(crv: Curve, point: Uint8Array) {
  return { kty: "EC", crv, x: b64uEncode(point.subarray(1, 33)), y: b64uEncode(point.subarray(33, 65)) };
}

function bounded<T>(size: number): (id: string, make: () => T) => T {
  const map = new Map<string, T>();
  return (id, make) => {
    const known = map.get(id);
    if (known) return known;
    const made = make();
    if (map.size >= size) map.delete(map.keys().next().value!);
    map.set(id, made);
    return made;
  };
}
