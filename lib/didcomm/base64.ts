import { fail } from "./errors";

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const VALUE = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) VALUE[ALPHABET.charCodeAt(i)] = i;
// ioConnect's decoder maps base64url onto standard base64 first, so both spellings decode.
VALUE["+".charCodeAt(0)] = 62;
VALUE["/".charCodeAt(0)] = 63;

/** base64url without padding, as ioConnect writes every binary value (`base64.c:125-148`). */
export function b64uEncode(bytes: Uint8Array): string {
  let out = "";
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]! + ALPHABET[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i]! << 16;
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]!;
  } else if (rest === 2) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]!;
  }
  return out;
}

const encoder = new TextEncoder();

export function utf8(text: string): Uint8Array {
  return encoder.encode(text);
}

/**
 * Decodes the way ioConnect does (`base64.c:26-36, 92-123, 150-196`), so we accept exactly what a
 * device accepts: base64url or standard base64, padded or not; a character outside the alphabet
 * counts as 0 (the CCM tag still authenticates the result); only a length of 1 mod 4 and an empty
 * value are refused. `what` names the field for the error message.
 */
export function b64uDecodeLikeC(text: string, what: string): Uint8Array {
  const body = text.replace(/={1,2}$/, "");
  if (body.length === 0) fail("base64-invalid", `${what} is empty.`);
  if (body.length % 4 === 1) fail("base64-invalid", `${what} is not base64url: its length ${body.length} cannot encode whole bytes.`);
  const out = new Uint8Array(Math.floor((body.length * 3) / 4));
  let acc = 0;
  let bits = 0;
  let o = 0;
  for (let i = 0; i < body.length; i++) {
    const code = body.charCodeAt(i);
    const v = code < 128 ? VALUE[code]! : -1;
    acc = (acc << 6) | (v < 0 ? 0 : v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  return out;
}
