import { cbc, ctr } from "@noble/ciphers/aes";
import { equalBytes } from "@noble/ciphers/utils";
import { fail } from "./errors";

/**
 * AES-CCM (NIST SP 800-38C), which WebCrypto lacks, built from the audited AES of @noble/ciphers:
 * the CBC-MAC is noble's unpadded CBC with a zero IV over the formatted blocks, the encryption is
 * noble's CTR from counter block 1, and counter block 0 masks the tag. ioConnect uses it with a
 * 13-byte nonce (so a 2-byte length field) and a 16-byte tag; the NIST examples exercise the rest.
 */
export interface CcmParams {
  key: Uint8Array;
  nonce: Uint8Array;
  aad: Uint8Array;
  tagLength: number;
}

export function ccmEncrypt(p: CcmParams, plaintext: Uint8Array): { ciphertext: Uint8Array; tag: Uint8Array } {
  const L = checkCcmParams(p, plaintext.length);
  const mac = cbcMac(p, plaintext, L);
  const ciphertext = ctr(p.key, counterBlock(p.nonce, L, 1)).encrypt(plaintext);
  return { ciphertext, tag: maskTag(p, mac, L) };
}

/** Returns the plaintext, or throws `decrypt-failed` when the tag does not match. */
export function ccmDecrypt(p: CcmParams, ciphertext: Uint8Array, tag: Uint8Array): Uint8Array {
  const L = checkCcmParams(p, ciphertext.length);
  if (tag.length !== p.tagLength) fail("decrypt-failed", `The tag is ${tag.length} bytes; ${p.tagLength} expected.`);
  const plaintext = ctr(p.key, counterBlock(p.nonce, L, 1)).decrypt(ciphertext);
  const expected = maskTag(p, cbcMac(p, plaintext, L), L);
  if (!equalBytes(expected, tag)) fail("decrypt-failed", "The content does not authenticate (AES-CCM tag mismatch): wrong key, or the message was altered.");
  return plaintext;
}

/** The bounds every CCM implementation enforces alike; returns L, the length field's size. */
export function checkCcmParams(p: CcmParams, length: number): number {
  if (![16, 24, 32].includes(p.key.length)) fail("key-invalid", `An AES key is 16, 24 or 32 bytes, not ${p.key.length}.`);
  if (p.nonce.length < 7 || p.nonce.length > 13) fail("malformed", `A CCM nonce is 7 to 13 bytes, not ${p.nonce.length}.`);
  if (p.tagLength < 4 || p.tagLength > 16 || p.tagLength % 2 !== 0) fail("malformed", `A CCM tag is 4 to 16 bytes (even), not ${p.tagLength}.`);
  const L = 15 - p.nonce.length;
  if (L < 8 && length >= 2 ** (8 * L)) fail("too-large", `${length} bytes do not fit CCM's ${L}-byte length field.`);
  return L;
}

function counterBlock(nonce: Uint8Array, L: number, i: number): Uint8Array {
  const block = new Uint8Array(16);
  block[0] = L - 1;
  block.set(nonce, 1);
  block[14] = (i >> 8) & 0xff;
  block[15] = i & 0xff;
  return block;
}

function cbcMac(p: CcmParams, payload: Uint8Array, L: number): Uint8Array {
  const b0 = new Uint8Array(16);
  b0[0] = (p.aad.length > 0 ? 0x40 : 0) | (((p.tagLength - 2) / 2) << 3) | (L - 1);
  b0.set(p.nonce, 1);
  for (let i = 0, n = payload.length; i < L && i < 6; i++, n = Math.floor(n / 256)) b0[15 - i] = n & 0xff;
  const aadField = encodeAadLength(p.aad.length);
  const aadBlocks = p.aad.length > 0 ? roundUp(aadField.length + p.aad.length) : 0;
  const input = new Uint8Array(16 + aadBlocks + roundUp(payload.length));
  input.set(b0, 0);
  if (p.aad.length > 0) {
    input.set(aadField, 16);
    input.set(p.aad, 16 + aadField.length);
  }
  input.set(payload, 16 + aadBlocks);
  const chain = cbc(p.key, new Uint8Array(16), { disablePadding: true }).encrypt(input);
  return chain.subarray(chain.length - 16);
}

/** SP 800-38C A.2.2: 2 bytes below 2^16-2^8, else 0xfffe and 4 bytes (longer AAD is never needed here). */
function encodeAadLength(n: number): Uint8Array {
  if (n === 0) return new Uint8Array(0);
  if (n < 0xff00) return Uint8Array.of(n >> 8, n & 0xff);
  if (n < 2 ** 32) return Uint8Array.of(0xff, 0xfe, (n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff);
  return fail("too-large", "The associated data exceeds 4 GiB.");
}

function maskTag(p: CcmParams, mac: Uint8Array, L: number): Uint8Array {
  const s0 = ctr(p.key, counterBlock(p.nonce, L, 0)).encrypt(mac);
  return s0.subarray(0, p.tagLength);
}

function roundUp(n: number): number {
  return Math.ceil(n / 16) * 16;
}
