import canonicalize from "canonicalize";
import { base64, base64urlnopad } from "@scure/base";
import { p256 } from "@noble/curves/p256";
import { bytesToHex, concat, isAddressEqual, keccak256, stringToBytes, type Address, type Hex } from "viem";
import { z } from "zod";
import { addressFromP256PublicKey, addressFromPublicKey, formatDid, parseDid, uncompressedSecp256k1, type IoDid } from "./did";
import { DeviceError, describeZodError, preview } from "../untrusted/errors";
import { parseJsonText } from "../untrusted/json";
import { text } from "../i18n/text";

// ---------------------------------------------------------------------------
// Generic W3C DID Document (DID Core 1.0). Deliberately permissive about extra members:
// ioConnect, legacy ioctl and third-party firmware all add their own, and a viewer must show
// any valid document. Nothing is transformed but an empty JWK "d" (dropped), so hash the input, not the parsed value.

const DID = /^did:[a-z0-9]+:[^\s#?/]+$/;
const DID_URL = /^(did:[a-z0-9]+:[^\s#?/]+)?([/?#]\S*)?$/;

const didSchema = z.string().regex(DID, "expected a DID (did:<method>:<id>)");
const didUrlSchema = z
  .string()
  .min(1, "expected a DID URL, got an empty string")
  .regex(DID_URL, "expected a DID URL (did:<method>:<id>#fragment) or a relative #fragment");
const base64urlSchema = z.string().regex(/^[A-Za-z0-9_-]+={0,2}$/, "expected base64url");

export const jwkSchema = z
  .looseObject({
    kty: z.string().min(1, "kty is empty"),
    crv: z.string().optional(),
    x: base64urlSchema.optional(),
    y: base64urlSchema.optional(),
    kid: z.string().optional(),
    alg: z.string().optional(),
  })
  // ioConnect's JWK writer emits `"d": ""` when no private key is loaded (IoTeX's own server documents carry it):
  // empty, it holds no key and is dropped; anything else is a leaked private key.
  .refine((jwk) => !("d" in jwk) || jwk.d === "", { message: "publicKeyJwk contains a private key (the \"d\" member); a DID Document must only publish public keys", path: ["d"] })
  .transform((jwk) => {
    if (!("d" in jwk)) return jwk;
    const publicOnly = { ...jwk };
    delete publicOnly.d;
    return publicOnly;
  });

export const verificationMethodSchema = z.looseObject({
  id: didUrlSchema,
  type: z.string().min(1, "type is empty"),
  controller: didSchema,
  publicKeyJwk: jwkSchema.optional(),
  publicKeyHex: z.string().regex(/^(0x)?[0-9a-fA-F]+$/, "expected hex").optional(),
  publicKeyMultibase: z.string().min(2, "expected a multibase string").optional(),
  publicKeyBase58: z.string().regex(/^[1-9A-HJ-NP-Za-km-z]+$/, "expected base58").optional(),
});

const relationshipSchema = z.array(z.union([didUrlSchema, verificationMethodSchema]));

const jsonObject = z.record(z.string(), z.unknown());

export const serviceSchema = z.looseObject({
  id: z.string().min(1, "service id is empty"),
  type: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
  serviceEndpoint: z.union([z.string().min(1), jsonObject, z.array(z.union([z.string().min(1), jsonObject])).min(1)]),
});

export const didDocumentSchema = z.looseObject({
  "@context": z.union([z.string().min(1), z.array(z.union([z.string().min(1), jsonObject])).min(1)]).optional(),
  id: didSchema,
  controller: z.union([didSchema, z.array(didSchema)]).optional(),
  alsoKnownAs: z.array(z.string()).optional(),
  verificationMethod: z.array(verificationMethodSchema).optional(),
  authentication: relationshipSchema.optional(),
  assertionMethod: relationshipSchema.optional(),
  keyAgreement: relationshipSchema.optional(),
  capabilityInvocation: relationshipSchema.optional(),
  capabilityDelegation: relationshipSchema.optional(),
  service: z.array(serviceSchema).optional(),
});

export type Jwk = z.infer<typeof jwkSchema>;
export type VerificationMethod = z.infer<typeof verificationMethodSchema>;
export type DidDocument = z.infer<typeof didDocumentSchema>;

/** Validates any W3C DID Document, given as a value or as JSON text. */
export function parseDidDocument(input: unknown): DidDocument {
  const value = typeof input === "string" || input instanceof Uint8Array ? parseJsonText(input, "didDocument", "diddoc-invalid") : input;
  const result = didDocumentSchema.safeParse(value);
  if (!result.success) {
    throw new DeviceError("diddoc-invalid", text("DeviceErrors.document.invalid", { detail: describeZodError(result.error) }), { cause: result.error });
  }
  return result.data;
}

// ---------------------------------------------------------------------------
// The ioConnect document shape, reproduced key for key so our virtual device's /diddoc
// is byte-identical in layout to a real device's.

export const IOCONNECT_CONTEXT = ["https://www.w3.org/ns/did/v1", "https://w3id.org/security#keyAgreementMethod"] as const;

export interface IoConnectJwk {
  crv: "secp256k1" | "P-256";
  x: string;
  y: string;
  /** ioConnect's JWK writer emits `"d": ""` when no private key is loaded; empty, it is no key. */
  d?: "";
  kty: "EC";
  kid: "Key-secp256k1-1" | "Key-p256-2";
}

export interface IoConnectVerificationMethod {
  id: string;
  type: "JsonWebKey2020";
  controller: IoDid;
  publicKeyJwk: IoConnectJwk;
}

export interface IoConnectDidDocument {
  "@context": string[];
  id: IoDid;
  authentication: string[];
  keyAgreement: string[];
  verificationMethod: [IoConnectVerificationMethod, IoConnectVerificationMethod];
}

export function buildIoConnectDidDocument({
  secp256k1PublicKey,
  p256PublicKey,
}: {
  secp256k1PublicKey: Hex | Uint8Array;
  p256PublicKey: Hex | Uint8Array;
}): IoConnectDidDocument {
  const k1 = uncompressedSecp256k1(secp256k1PublicKey);
  const did = formatDid(addressFromPublicKey(k1));
  const p256Raw = uncompressedP256(p256PublicKey);
  // ioConnect names the key-agreement key with a did:io of its own, derived from the P-256 key.
  const p256Did = formatDid(addressFromP256PublicKey(p256Raw));
  const authId = `${did}#Key-secp256k1-1`;
  const agreementId = `${p256Did}#Key-p256-2`;
  return {
    "@context": [...IOCONNECT_CONTEXT],
    id: did,
    authentication: [authId],
    keyAgreement: [agreementId],
    verificationMethod: [
      { id: authId, type: "JsonWebKey2020", controller: did, publicKeyJwk: ecJwk(k1, "secp256k1", "Key-secp256k1-1") },
      { id: agreementId, type: "JsonWebKey2020", controller: did, publicKeyJwk: ecJwk(p256Raw, "P-256", "Key-p256-2") },
    ],
  };
}

/** The JWK ioConnect writes for a device's secp256k1 key. */
export function jwkFromSecp256k1PublicKey(publicKey: Hex | Uint8Array, kid: IoConnectJwk["kid"] = "Key-secp256k1-1"): IoConnectJwk {
  return ecJwk(uncompressedSecp256k1(publicKey), "secp256k1", kid);
}

function ecJwk(uncompressed: Uint8Array, crv: IoConnectJwk["crv"], kid: IoConnectJwk["kid"]): IoConnectJwk {
  return { crv, x: base64urlnopad.encode(uncompressed.slice(1, 33)), y: base64urlnopad.encode(uncompressed.slice(33, 65)), kty: "EC", kid };
}

function uncompressedP256(publicKey: Hex | Uint8Array): Uint8Array {
  try {
    return p256.ProjectivePoint.fromHex(typeof publicKey === "string" ? publicKey.replace(/^0x/i, "") : publicKey).toRawBytes(false);
  } catch (cause) {
    throw new DeviceError("public-key-invalid", text("DeviceErrors.key.notOnCurve", { key: preview(typeof publicKey === "string" ? publicKey : bytesToHex(publicKey), 24), curve: "P-256" }), { cause });
  }
}

// ---------------------------------------------------------------------------
// Keys inside documents

/** The address of a secp256k1 JWK; a P-256 JWK is refused by name (ioConnect's key-agreement key). */
export function secp256k1AddressFromJwk(jwk: unknown): Address {
  const parsed = jwkSchema.safeParse(jwk);
  if (!parsed.success) {
    throw new DeviceError("jwk-invalid", text("DeviceErrors.jwk.invalid", { detail: describeZodError(parsed.error) }), { cause: parsed.error });
  }
  const { kty, crv, x, y } = parsed.data;
  if (crv === "P-256") {
    throw new DeviceError("public-key-p256", text("DeviceErrors.jwk.p256"));
  }
  if (kty !== "EC" || crv !== "secp256k1") {
    throw new DeviceError("jwk-invalid", text("DeviceErrors.jwk.curve", { kty: preview(kty, 20), crv: preview(crv ?? "—", 20) }));
  }
  if (x === undefined || y === undefined) {
    throw new DeviceError("jwk-invalid", text("DeviceErrors.jwk.missingCoordinate", { coordinate: x === undefined ? "x" : "y" }));
  }
  const xb = decodeCoordinate(x, "x");
  const yb = decodeCoordinate(y, "y");
  return addressFromPublicKey(concat([new Uint8Array([4]), xb, yb]));
}

/** A JWK coordinate as its 32 bytes (secp256k1 and P-256 alike). */
export function decodeCoordinate(value: string, name: "x" | "y"): Uint8Array {
  let bytes: Uint8Array;
  try {
    bytes = base64urlnopad.decode(value.replace(/=+$/, ""));
  } catch (cause) {
    throw new DeviceError("jwk-invalid", text("DeviceErrors.jwk.coordinateEncoding", { coordinate: name, value: preview(value, 50) }), { cause });
  }
  if (bytes.length !== 32) {
    throw new DeviceError("jwk-invalid", text("DeviceErrors.jwk.coordinateLength", { coordinate: name, count: bytes.length }));
  }
  return bytes;
}

/** Every method a document defines, from verificationMethod and embedded relationship entries. */
export function documentMethods(doc: DidDocument): VerificationMethod[] {
  const methods: VerificationMethod[] = [...(doc.verificationMethod ?? [])];
  for (const rel of [doc.authentication, doc.assertionMethod, doc.keyAgreement, doc.capabilityInvocation, doc.capabilityDelegation]) {
    for (const entry of rel ?? []) if (typeof entry !== "string") methods.push(entry);
  }
  return methods;
}

/** Every secp256k1 key a document publishes. */
function secp256k1Keys(doc: DidDocument): { id: string; address: Address }[] {
  const keys: { id: string; address: Address }[] = [];
  for (const method of documentMethods(doc)) {
    if (method.publicKeyJwk?.crv === "secp256k1") {
      keys.push({ id: method.id, address: secp256k1AddressFromJwk(method.publicKeyJwk) });
    } else if (method.publicKeyHex !== undefined && /secp256k1/i.test(method.type)) {
      // Legacy `ioctl did generate` documents publish the key as hex.
      const hex = method.publicKeyHex.replace(/^0x/i, "");
      keys.push({ id: method.id, address: addressFromPublicKey(`0x${hex}`) });
    }
  }
  return keys;
}

/**
 * The app-side check that a document really describes the device: its id is the DID and one
 * of its secp256k1 keys hashes to the DID's address. Returns the matching method's id.
 */
export function verifyDidDocumentForDevice(doc: DidDocument, did: string): { verificationMethodId: string } {
  const device = parseDid(did);
  const docId = parseDid(doc.id);
  if (docId.did !== device.did) {
    throw new DeviceError("diddoc-mismatch", text("DeviceErrors.document.otherDevice", { documentDid: docId.did, deviceDid: device.did }), { details: { documentId: docId.did, device: device.did } });
  }
  const keys = secp256k1Keys(doc);
  if (keys.length === 0) {
    throw new DeviceError("diddoc-mismatch", text("DeviceErrors.document.noKey", { did: device.did }));
  }
  const match = keys.find((k) => isAddressEqual(k.address, device.address));
  if (!match) {
    throw new DeviceError(
      "diddoc-mismatch",
      text("DeviceErrors.document.keyMismatch", { count: keys.length, addresses: keys.map((k) => k.address).join(", "), device: device.address }),
      { details: { keys } },
    );
  }
  return { verificationMethodId: match.id };
}

// ---------------------------------------------------------------------------
// Hash and URI. The on-chain documentHash has no standard definition; ours is keccak256 of the
// RFC 8785 (JCS) bytes, so anyone can recompute it from the document regardless of formatting.

export function canonicalDocumentBytes(doc: unknown): Uint8Array {
  let canonical: string | undefined;
  try {
    canonical = canonicalize(doc);
  } catch (cause) {
    throw new DeviceError("diddoc-invalid", text("DeviceErrors.document.canonical", { detail: cause instanceof Error ? cause.message : String(cause) }), { cause });
  }
  if (canonical === undefined || typeof doc !== "object" || doc === null || Array.isArray(doc)) {
    throw new DeviceError("diddoc-invalid", text("DeviceErrors.document.notObject", { value: preview(doc) }));
  }
  return stringToBytes(canonical);
}

export function documentHash(doc: unknown): Hex {
  return keccak256(canonicalDocumentBytes(doc));
}

export function dataUriForDocument(doc: unknown): string {
  return `data:application/json;base64,${base64.encode(canonicalDocumentBytes(doc))}`;
}

/** Reads a document back from a `data:application/json` URI (base64 or percent-encoded). */
export function documentFromDataUri(uri: string): { document: DidDocument; bytes: Uint8Array } {
  const match = /^data:application\/(?:did\+)?(?:ld\+)?json(?:;charset=utf-8)?(;base64)?,(.*)$/is.exec(typeof uri === "string" ? uri.trim() : "");
  if (!match) {
    throw new DeviceError("diddoc-invalid", text("DeviceErrors.document.notDataUri", { uri: preview(uri) }));
  }
  let bytes: Uint8Array;
  try {
    bytes = match[1] ? base64.decode(match[2]!) : stringToBytes(decodeURIComponent(match[2]!));
  } catch (cause) {
    throw new DeviceError("diddoc-invalid", text("DeviceErrors.document.dataUriEncoding", { encoding: match[1] ? "base64" : "percent" }), { cause });
  }
  return { document: parseDidDocument(bytes), bytes };
}
