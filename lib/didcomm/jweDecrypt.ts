import { sha256 } from "@noble/hashes/sha256";
import { b64uDecodeLikeC, utf8 } from "./base64";
import type { DidcommCrypto } from "./cryptoPort";
import { DidcommError, fail } from "./errors";
import { parseObject } from "./jsonObject";
import { jwkToPoint } from "./keys";
import { LIMITS } from "./limits";
import { portableCrypto } from "./portableCrypto";

export interface JweRecipientKey {
  kid: string;
  /** The P-256 private key (32 bytes) behind `kid`. */
  privateKey: Uint8Array;
}

/** The protected header as sent; ioConnect authenticates it (AAD) but never reads these names. */
export interface JweHeader {
  typ?: unknown;
  alg?: unknown;
  enc?: unknown;
  skid?: unknown;
  apu?: unknown;
  apv?: unknown;
  epk: { kid: string };
}

export interface DecryptedJwe {
  /** Every decrypted byte. A C device would read it only up to the first NUL. */
  plaintext: Uint8Array;
  header: JweHeader;
  /** `skid` when it is a string. Unauthenticated: anyone holding the recipient's public key can write any sender. */
  claimedSender: string | undefined;
  /**
   * SHA-256 of nonce ‖ tag ‖ ciphertext as decoded: the same message however its base64 is spelled
   * (ioConnect's lenient decoder gives one message many spellings), so replays can be recognised.
   */
  digest: Uint8Array;
}

/**
 * Decrypts as ioConnect's `iotex_jwe_decrypt` does (DIDCOMM.md §3) and accepts what it accepts,
 * with three additions that cannot refuse a message a C sender makes: sizes are bounded, the epk
 * must be a P-256 point on the curve, and the key wrap must be exactly IV + 32 bytes.
 */
export async function decryptJwe(jweText: string, key: JweRecipientKey, crypto: DidcommCrypto = portableCrypto): Promise<DecryptedJwe> {
  if (jweText.length > LIMITS.maxJweChars) fail("too-large", `The JWE is ${jweText.length} characters; at most ${LIMITS.maxJweChars} are accepted.`);
  const jwe = parseObject(jweText, "The JWE");
  const ciphertext = b64uDecodeLikeC(str(jwe.ciphertext, "ciphertext"), "ciphertext");
  const protectedText = str(jwe.protected, "protected");
  if (protectedText.length > LIMITS.maxProtectedBytes) fail("too-large", `The protected header is ${protectedText.length} bytes; at most ${LIMITS.maxProtectedBytes}.`);
  const tag = b64uDecodeLikeC(str(jwe.tag, "tag"), "tag");
  const nonce = b64uDecodeLikeC(str(jwe.iv, "iv"), "iv");
  if (nonce.length !== 13) fail("malformed", `The iv (CCM nonce) is ${nonce.length} bytes; ioConnect uses 13.`);

  const header = parseObject(new TextDecoder().decode(b64uDecodeLikeC(protectedText, "protected")), "The protected header");
  const epk = header.epk as Record<string, unknown> | undefined;
  if (typeof epk !== "object" || epk === null || Array.isArray(epk)) fail("epk-invalid", "The protected header has no epk object.");
  if (epk.kty !== "EC") fail("epk-invalid", `The epk must have kty "EC", not ${JSON.stringify(epk.kty)}.`);
  if (typeof epk.kid !== "string" || !/-0*[1-9]\d*$/.test(epk.kid)) {
    fail("epk-invalid", "The epk needs a kid ending in -<non-zero number>, as ioConnect writes and requires.");
  }
  const epkPoint = (() => {
    try {
      return jwkToPoint(epk, "P-256").point;
    } catch (e) {
      throw new DidcommError("epk-invalid", `The epk is not a usable P-256 key: ${(e as Error).message}`);
    }
  })();

  const recipients = jwe.recipients;
  if (!Array.isArray(recipients) || recipients.length === 0 || recipients.length > LIMITS.maxRecipients) {
    fail("recipients-invalid", `recipients must list 1 to ${LIMITS.maxRecipients} entries.`);
  }
  const mine = recipients.find((r) => (r as { header?: { kid?: unknown } } | null)?.header?.kid === key.kid) as
    | { encrypted_key?: unknown }
    | undefined;
  if (!mine) fail("recipient-missing", `The message is not addressed to ${key.kid}.`);
  const encryptedKey = b64uDecodeLikeC(str(mine.encrypted_key, "encrypted_key"), "encrypted_key");
  if (encryptedKey.length !== 48) fail("malformed", `encrypted_key is ${encryptedKey.length} bytes; ioConnect writes a 16-byte IV and a 32-byte wrapped key.`);

  let kek: Uint8Array;
  try {
    kek = await crypto.ecdhX(key.privateKey, epkPoint);
  } catch {
    return fail("key-invalid", "The recipient private key is not a valid P-256 key.");
  }
  const cek = crypto.cbcDecrypt(kek, encryptedKey.subarray(0, 16), encryptedKey.subarray(16));
  const plaintext = crypto.ccmDecrypt({ key: cek, nonce, aad: utf8(protectedText), tagLength: 16 }, ciphertext, tag);
  const digest = sha256.create().update(nonce).update(tag).update(ciphertext).digest();
  return { plaintext, header: header as unknown as JweHeader, claimedSender: typeof header.skid === "string" ? header.skid : undefined, digest };
}

function str(value: unknown, field: string): string {
  if (typeof value !== "string" || value.length === 0) fail("malformed", `The JWE needs a non-empty "${field}" string.`);
  return value;
}
