import { p256 } from "@noble/curves/p256";
import { bytesToHex } from "@noble/hashes/utils";
import { b64uDecodeLikeC } from "./base64";
import type { EphemeralKey } from "./cryptoPort";
import { fail } from "./errors";
import { publicKeyOf } from "./keys";

/**
 * P-256 key agreement as ioConnect does it: the x-coordinate of d·Q is the key-encryption key
 * (no KDF). WebCrypto does the curve arithmetic natively, many times faster than JS, which is
 * what the inbox's throughput rests on; noble is the fallback where `crypto.subtle` is missing
 * (insecure browser contexts).
 */
const ECDH = { name: "ECDH", namedCurve: "P-256" } as const;

/** A fresh key from WebCrypto's generator: its keypair serves directly, nothing is imported or recomputed. */
export async function freshEphemeralKey(): Promise<EphemeralKey> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) return ephemeralKeyFrom(p256.utils.randomPrivateKey());
  const pair = (await subtle.generateKey(ECDH, true, ["deriveBits"])) as CryptoKeyPair;
  const jwk = await subtle.exportKey("jwk", pair.privateKey);
  const [scalar, x, y] = [jwk.d, jwk.x, jwk.y].map((v) => b64uDecodeLikeC(v ?? "", "The generated key"));
  if (scalar!.length !== 32 || x!.length !== 32 || y!.length !== 32) fail("key-invalid", "WebCrypto generated a P-256 key of unexpected size.");
  const publicPoint = new Uint8Array(65);
  publicPoint[0] = 4;
  publicPoint.set(x!, 1);
  publicPoint.set(y!, 33);
  return { scalar: scalar!, publicPoint, agree: async (peer) => derive(subtle, pair.privateKey, await importPublic(subtle, peer, staticPublics)) };
}

/** A key from a given scalar (recorded randomness in the vectors); the scalar is checked to be in range. */
export function ephemeralKeyFrom(scalar: Uint8Array): EphemeralKey {
  const publicPoint = publicKeyOf("P-256", scalar);
  return {
    scalar,
    publicPoint,
    agree: async (peer) => {
      const subtle = globalThis.crypto?.subtle;
      if (!subtle) return p256.getSharedSecret(scalar, peer, true).subarray(1);
      return derive(subtle, await importPrivate(subtle, scalar, null), await importPublic(subtle, peer, staticPublics));
    },
  };
}

/** x of d·Q for a static private key (the server's, a device's) and a peer's one-time point. */
export async function ecdhX(privateKey: Uint8Array, publicPoint: Uint8Array): Promise<Uint8Array> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) return p256.getSharedSecret(privateKey, publicPoint, true).subarray(1);
  const [priv, pub] = await Promise.all([importPrivate(subtle, privateKey, staticPrivates), importPublic(subtle, publicPoint, null)]);
  return derive(subtle, priv, pub);
}

async function derive(subtle: SubtleCrypto, priv: CryptoKey, pub: CryptoKey): Promise<Uint8Array> {
  return new Uint8Array(await subtle.deriveBits({ name: "ECDH", public: pub }, priv, 256));
}

// Static keys (the server's, a device's) are used again and again, so their imports are kept, a
// bounded number each; one-time keys pass through and must not push the static ones out.
type KeyCache = Map<string, Promise<CryptoKey>>;
const staticPrivates: KeyCache = new Map();
const staticPublics: KeyCache = new Map();
const CACHE_SIZE = { private: 64, public: 4096 };

// PKCS#8 wrapping of a bare P-256 scalar (RFC 5915 ECPrivateKey without the optional public key).
const PKCS8_P256_PREFIX = Uint8Array.from([
  0x30, 0x41, 0x02, 0x01, 0x00, 0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01, 0x06, 0x08, 0x2a, 0x86, 0x48,
  0xce, 0x3d, 0x03, 0x01, 0x07, 0x04, 0x27, 0x30, 0x25, 0x02, 0x01, 0x01, 0x04, 0x20,
]);

function importPrivate(subtle: SubtleCrypto, privateKey: Uint8Array, cache: KeyCache | null): Promise<CryptoKey> {
  if (privateKey.length !== 32) fail("key-invalid", "A P-256 private key is 32 bytes.");
  return remembered(cache, CACHE_SIZE.private, privateKey, () => {
    const der = new Uint8Array(PKCS8_P256_PREFIX.length + 32);
    der.set(PKCS8_P256_PREFIX);
    der.set(privateKey, PKCS8_P256_PREFIX.length);
    return subtle.importKey("pkcs8", der, ECDH, false, ["deriveBits"]);
  });
}

function importPublic(subtle: SubtleCrypto, point: Uint8Array, cache: KeyCache | null): Promise<CryptoKey> {
  return remembered(cache, CACHE_SIZE.public, point, () => subtle.importKey("raw", point as BufferSource, ECDH, false, []));
}

function remembered(cache: KeyCache | null, size: number, bytes: Uint8Array, load: () => Promise<CryptoKey>): Promise<CryptoKey> {
  if (!cache) return load();
  const id = bytesToHex(bytes);
  const cached = cache.get(id);
  if (cached) return cached;
  const key = load();
  if (cache.size >= size) cache.delete(cache.keys().next().value!);
  cache.set(id, key);
  key.catch(() => cache.delete(id));
  return key;
}
