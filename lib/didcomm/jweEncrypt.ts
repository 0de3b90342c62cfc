import { sha256 } from "@noble/hashes/sha256";
import { randomBytes } from "@noble/hashes/utils";
import { formatLikeCJSON } from "@/lib/did/cjson";
import { b64uEncode, utf8 } from "./base64";
import type { DidcommCrypto, EphemeralKey } from "./cryptoPort";
import { fail } from "./errors";
import { checkStaticPoint } from "./keys";
import { LIMITS } from "./limits";
import { portableCrypto } from "./portableCrypto";

export type JweAlg = "ECDH-1PU+A256KW" | "ECDH-ES+A256KW";

export interface JweRecipient {
  /** The full DID URL of the recipient's key-agreement key, e.g. `did:io:0x…#Key-p256-2`. */
  kid: string;
  /** Its P-256 public key (33 or 65 bytes). */
  publicKey: Uint8Array;
}

export interface JweEncryptInput {
  plaintext: Uint8Array | string;
  recipients: JweRecipient[];
  /** Written as `skid` and `apu`; ioConnect puts the sender DID there. Omitted when absent. */
  sender?: string | null;
  alg?: JweAlg;
  /** cJSON_Print layout (tabs, newlines) instead of the minified one Sprout uses. */
  pretty?: boolean;
  /**
   * The `epk` kid. ioConnect writes the PSA slot id of its ephemeral key; a fresh process gives
   * Key-p256-2147483617. Only the volatile range is allowed: a device destroys the key whose id
   * ends the epk kid after decrypting, and 1 or 2 are its own persistent keys.
   */
  epkKid?: string;
  /** Random bytes, drawn in ioConnect's order: CEK (32), nonce (13), one IV (16) per recipient. */
  random?: (length: number) => Uint8Array;
  /** The primitives; a server passes faster ones, browsers keep the portable default. */
  crypto?: DidcommCrypto;
}

const TYP = "application/didcomm-encrypted+json";
const ENC = "A256CBC-HS512";
const VOLATILE_KEY_IDS = { min: 2_147_483_616, max: 2_147_483_647 };
export const DEFAULT_EPK_KID = "Key-p256-2147483617";

/**
 * Encrypts exactly as ioConnect's `iotex_jwe_encrypt` (DIDCOMM.md §2): the CEK doubles as the
 * ephemeral P-256 key, the raw ECDH x-coordinate wraps it with unpadded AES-256-CBC, and the
 * content is AES-256-CCM under the CEK with the protected header as AAD, whatever the header's
 * names say. Fed the same random bytes it returns the C code's output byte for byte.
 */
export async function encryptJwe(input: JweEncryptInput): Promise<string> {
  const plaintext = typeof input.plaintext === "string" ? utf8(input.plaintext) : input.plaintext;
  checkPlaintext(plaintext);
  const recipients = checkRecipients(input.recipients);
  const epkKid = input.epkKid ?? DEFAULT_EPK_KID;
  checkEpkKid(epkKid);
  const random = input.random ?? randomBytes;
  const crypto = input.crypto ?? portableCrypto;

  // Given randomness (the vectors) the CEK is drawn first, as the C code draws it; otherwise the
  // implementation generates the one-time key pair, which saves recomputing its public point and importing it.
  const ephemeral = input.random ? drawEphemeral(random, crypto) : await crypto.freshEphemeralKey();
  const cek = ephemeral.scalar;
  const nonce = exact(random(13), 13, "nonce");
  const epk = ephemeral.publicPoint;
  const header: Record<string, unknown> = { typ: TYP, alg: input.alg ?? "ECDH-1PU+A256KW", enc: ENC };
  if (input.sender !== undefined && input.sender !== null) {
    header.skid = input.sender;
    header.apu = b64uEncode(utf8(input.sender));
  }
  header.apv = b64uEncode(sha256(utf8(recipients.map((r) => r.kid).join("."))));
  header.epk = { crv: "P-256", x: b64uEncode(epk.subarray(1, 33)), y: b64uEncode(epk.subarray(33, 65)), kty: "EC", kid: epkKid };
  const protectedB64 = b64uEncode(utf8(JSON.stringify(header)));
  if (protectedB64.length > LIMITS.maxProtectedBytes) fail("too-large", `The protected header would be ${protectedB64.length} bytes; ioConnect reads at most ${LIMITS.maxProtectedBytes}.`);

  const { ciphertext, tag } = crypto.ccmEncrypt({ key: cek, nonce, aad: utf8(protectedB64), tagLength: 16 }, plaintext);
  // One IV per recipient, drawn in order before any key agreement (as the C code draws them).
  const ivs = recipients.map(() => exact(random(16), 16, "wrap IV"));
  const keks = await Promise.all(recipients.map((r) => ephemeral.agree(r.point)));
  const wrapped = recipients.map((r, i) => {
    const iv = ivs[i]!;
    const body = crypto.cbcEncrypt(keks[i]!, iv, cek);
    const encryptedKey = new Uint8Array(48);
    encryptedKey.set(iv);
    encryptedKey.set(body, 16);
    return { header: { kid: r.kid }, encrypted_key: b64uEncode(encryptedKey) };
  });
  const jwe = { ciphertext: b64uEncode(ciphertext), protected: protectedB64, recipients: wrapped, tag: b64uEncode(tag), iv: b64uEncode(nonce) };
  return input.pretty ? formatLikeCJSON(jwe) : JSON.stringify(jwe);
}

function checkPlaintext(plaintext: Uint8Array): void {
  if (plaintext.length === 0) fail("plaintext-invalid", "ioConnect cannot carry an empty message.");
  if (plaintext.length > LIMITS.maxPlaintextBytes) fail("too-large", `The message is ${plaintext.length} bytes; at most ${LIMITS.maxPlaintextBytes} fit.`);
  // The device reads the plaintext as a C string: a NUL would silently cut it short there.
  if (plaintext.includes(0)) fail("plaintext-invalid", "The message contains a NUL byte, where a device would cut it short.");
}

function checkRecipients(recipients: JweRecipient[]): { kid: string; point: Uint8Array }[] {
  if (recipients.length === 0 || recipients.length > LIMITS.maxRecipients) {
    fail("recipients-invalid", `ioConnect encrypts to 1 to ${LIMITS.maxRecipients} recipients, not ${recipients.length}.`);
  }
  return recipients.map((r) => {
    if (r.kid.length === 0 || r.kid.length > LIMITS.maxKidChars) fail("recipients-invalid", "A recipient kid must be 1 to 512 characters.");
    return { kid: r.kid, point: checkStaticPoint("P-256", r.publicKey) };
  });
}

function checkEpkKid(kid: string): void {
  const n = Number(/-(\d{1,10})$/.exec(kid)?.[1]);
  if (!(n >= VOLATILE_KEY_IDS.min && n <= VOLATILE_KEY_IDS.max)) {
    fail("epk-invalid", `The epk kid "${kid}" must end in a volatile PSA key id (${VOLATILE_KEY_IDS.min}-${VOLATILE_KEY_IDS.max}); a device deletes the key it names.`);
  }
}

/** The CEK is also a P-256 private key, so it must be a valid scalar: draw again in the (2^-32) case it is not. */
function drawEphemeral(random: (length: number) => Uint8Array, crypto: DidcommCrypto): EphemeralKey {
  for (let i = 0; i < 8; i++) {
    const cek = exact(random(32), 32, "CEK");
    try {
      return crypto.ephemeralKeyFrom(cek);
    } catch {
      // out of range: draw again
    }
  }
  return fail("key-invalid", "The random source keeps producing invalid P-256 scalars.");
}

function exact(bytes: Uint8Array, length: number, what: string): Uint8Array {
  if (bytes.length !== length) fail("malformed", `The random source gave ${bytes.length} bytes for the ${what}; ${length} needed.`);
  return bytes;
}
