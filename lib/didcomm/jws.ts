import { sha256 } from "@noble/hashes/sha256";
import { b64uDecodeLikeC, b64uEncode, utf8 } from "./base64";
import { DidcommError, fail } from "./errors";
import { parseObject } from "./jsonObject";
import { checkPoint, curveOf, type Curve } from "./keys";
import { LIMITS } from "./limits";

/**
 * JWS as ioConnect makes them (`jws.c`, DIDCOMM.md "JWS"): header `{"alg":"ES256"}` even for
 * secp256k1 keys, raw r‖s over SHA-256 of ASCII(protected "." payload), any S accepted.
 */
export type JwsSerialization = "compact" | "flattened" | "general";

export type JwsSigner = {
  crv: Curve;
  /** The DID URL of the signing key, written as the unprotected `header.kid` (JSON forms). */
  kid?: string;
} & (
  | { privateKey: Uint8Array }
  /** A key held elsewhere (a device's secure element): signs a 32-byte digest, returns raw r‖s. */
  | { signDigest: (digest: Uint8Array) => Uint8Array }
);

export interface JwsVerifier {
  crv: Curve;
  /** 33 or 65 bytes. */
  publicKey: Uint8Array;
}

export const DIDCOMM_SIGNED_TYP = "application/didcomm-signed+json";
/** ioConnect's header names these however the key's curve is; the verifier's key decides the curve. */
const ALG_NAMES = new Set(["ES256", "ES256K", "Es256", "Es256K"]);

export function signJws(payload: Uint8Array | string, signer: JwsSigner, serialization: JwsSerialization, usage?: "didcomm"): string {
  const { signingInput, assemble } = jwsParts(payload, signer.kid, serialization, usage);
  return assemble(signBytes(signingInput, signer));
}

/** `signJws` with the signature made elsewhere and awaited (a server's OpenSSL, off the event loop). */
export async function signJwsWith(
  payload: Uint8Array | string,
  signer: {
    kid?: string;
    /** Written into the protected header (where a compact JWS can carry it), so a verifier knows which key to use. ioConnect never writes it. */
    protectedKid?: string;
    sign: (message: Uint8Array) => Promise<Uint8Array>;
  },
  serialization: JwsSerialization,
  usage?: "didcomm",
): Promise<string> {
  const { signingInput, assemble } = jwsParts(payload, signer.kid, serialization, usage, signer.protectedKid);
  return assemble(await signer.sign(signingInput));
}

function jwsParts(payload: Uint8Array | string, kid: string | undefined, serialization: JwsSerialization, usage?: "didcomm", protectedKid?: string) {
  const payloadB64 = b64uEncode(typeof payload === "string" ? utf8(payload) : payload);
  const alg = usage === "didcomm" ? { typ: DIDCOMM_SIGNED_TYP, alg: "ES256" } : { alg: "ES256" };
  const header = protectedKid === undefined ? alg : { ...alg, kid: protectedKid };
  const protectedB64 = b64uEncode(utf8(JSON.stringify(header)));
  const assemble = (raw: Uint8Array): string => {
    const signature = b64uEncode(raw);
    if (serialization === "compact") return `${protectedB64}.${payloadB64}.${signature}`;
    const unprotected = kid === undefined ? {} : { header: { kid } };
    const entry = { protected: protectedB64, ...unprotected, signature };
    return JSON.stringify(serialization === "flattened" ? { payload: payloadB64, ...entry } : { payload: payloadB64, signatures: [entry] });
  };
  return { signingInput: utf8(`${protectedB64}.${payloadB64}`), assemble };
}

/** ECDSA over SHA-256 of the message, raw r‖s (64 bytes). */
export function signBytes(message: Uint8Array, signer: JwsSigner): Uint8Array {
  if ("signDigest" in signer) return signer.signDigest(sha256(message));
  try {
    return curveOf(signer.crv).sign(sha256(message), signer.privateKey).toCompactRawBytes();
  } catch {
    return fail("key-invalid", `The ${signer.crv} signing key is not valid.`);
  }
}

export function verifyBytes(message: Uint8Array, signature: Uint8Array, verifier: JwsVerifier): boolean {
  if (signature.length !== 64) return false;
  const point = checkPoint(verifier.crv, verifier.publicKey);
  try {
    // ioConnect signs without normalising S, so both (r, s) and (r, n - s) must verify.
    return curveOf(verifier.crv).verify(signature, sha256(message), point, { lowS: false });
  } catch {
    return false;
  }
}

export interface VerifiedJws {
  payload: Uint8Array;
  /** The unprotected `header.kid` of the signature that verified, when present. */
  kid: string | undefined;
  protectedHeader: Record<string, unknown>;
}

/**
 * The key a signature is checked with, chosen by the `kid` of its protected header (undefined when
 * absent); it throws when the kid names no key the verifier accepts (that signature is then passed over).
 */
export type JwsKeyOf = (protectedKid: string | undefined) => JwsVerifier;

/** Verifies any of the three serializations; throws `signature-invalid` unless a signature checks with the key. */
export function verifyJws(jws: string, verifier: JwsVerifier | JwsKeyOf, opts: { trailingNul?: boolean } = {}): VerifiedJws {
  const keyOf = typeof verifier === "function" ? verifier : () => verifier;
  // A JWS may carry several signers' signatures: one whose kid names no key we accept is passed over for the
  // next, and its refusal is what the caller hears only when no other signature verifies.
  let refusal: unknown;
  for (const c of candidatesOf(jws, opts)) {
    let key: JwsVerifier;
    try {
      const kid = c.protectedHeader.kid;
      if (kid !== undefined && typeof kid !== "string") fail("signature-invalid", "The JWS header's kid is not a string.");
      key = keyOf(kid);
    } catch (error) {
      refusal ??= error;
      continue;
    }
    if (verifyBytes(c.signed, c.signature, key)) return c.verified();
  }
  if (refusal !== undefined) throw refusal;
  return noSignatureVerifies();
}

/**
 * A signature check done elsewhere than in JS (a DidcommCrypto's `verify`, e.g. the server's
 * OpenSSL off the event loop). It must answer as `verifyBytes` does: ECDSA over SHA-256, raw r‖s, any S.
 */
export type SignatureCheck = (message: Uint8Array, signature: Uint8Array) => Promise<boolean>;

/** `verifyJws`, with the signature arithmetic done by `check`. */
export async function verifyJwsWith(jws: string, check: SignatureCheck, opts: { trailingNul?: boolean } = {}): Promise<VerifiedJws> {
  for (const c of candidatesOf(jws, opts)) if (c.signature.length === 64 && (await check(c.signed, c.signature))) return c.verified();
  return noSignatureVerifies();
}

function noSignatureVerifies(): never {
  throw new DidcommError("signature-invalid", "No signature on the message verifies with the sender's key.");
}

/** Each signature in turn with the bytes it must cover and what the JWS gives when it verifies. */
function* candidatesOf(
  jws: string,
  opts: { trailingNul?: boolean },
): Generator<{ signed: Uint8Array; signature: Uint8Array; protectedHeader: Record<string, unknown>; verified: () => VerifiedJws }> {
  if (jws.length > LIMITS.maxJwsChars) fail("too-large", `The JWS is ${jws.length} characters; at most ${LIMITS.maxJwsChars}.`);
  for (const entry of entriesOf(jws)) {
    const protectedHeader = parseObject(new TextDecoder().decode(b64uDecodeLikeC(entry.protected, "protected")), "The JWS header");
    // Safer than the C (which ignores the header): the header must at least name an ES256 signature.
    if (!ALG_NAMES.has(protectedHeader.alg as string)) fail("signature-invalid", `The JWS header names alg ${JSON.stringify(protectedHeader.alg)}; ES256 or ES256K expected.`);
    yield {
      signed: utf8(`${entry.protected}.${entry.payload}${opts.trailingNul ? "\u0000" : ""}`),
      signature: b64uDecodeLikeC(entry.signature, "signature"),
      protectedHeader,
      verified: () => ({ payload: b64uDecodeLikeC(entry.payload, "payload"), kid: entry.kid, protectedHeader }),
    };
  }
}

interface SignatureEntry {
  payload: string;
  protected: string;
  signature: string;
  kid: string | undefined;
}

function entriesOf(jws: string): SignatureEntry[] {
  const text = jws.trim();
  if (!text.startsWith("{")) {
    const parts = text.split(".");
    if (parts.length !== 3) fail("malformed", "A compact JWS has three dot-separated parts.");
    return [{ protected: parts[0]!, payload: parts[1]!, signature: parts[2]!, kid: undefined }];
  }
  const obj = parseObject(text, "The JWS");
  const payload = obj.payload;
  if (typeof payload !== "string") fail("malformed", "The JWS needs a payload string.");
  const list = Array.isArray(obj.signatures) ? obj.signatures : [obj];
  if (list.length === 0 || list.length > LIMITS.maxRecipients) fail("malformed", "The JWS must carry 1 to 4 signatures.");
  return list.map((raw) => {
    const e = raw as Record<string, unknown>;
    if (typeof e.protected !== "string" || typeof e.signature !== "string") fail("malformed", "Each JWS signature needs protected and signature strings.");
    const kid = (e.header as { kid?: unknown } | undefined)?.kid;
    return { payload, protected: e.protected, signature: e.signature, kid: typeof kid === "string" ? kid : undefined };
  });
}
