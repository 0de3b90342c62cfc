import { bytesToHex, isAddressEqual, type Address, type Hex } from "viem";
import { z } from "zod";
import { addressFromPublicKey, parseDid, uncompressedSecp256k1, type IoDid } from "../did/did";
import { parseDidDocument, verifyDidDocumentForDevice, type DidDocument } from "../did/didDocument";
import { DeviceError, describeZodError, preview } from "../untrusted/errors";
import { parseJsonText, type JsonSubject } from "../untrusted/json";
import { parseDigest } from "./signature";
import { text } from "../i18n/text";

// Wire shapes of the ioConnect "DeviceRegister" answers (HTTP :8000 and serial). Schemas check
// shape only and keep unknown members; meaning (DID syntax, key ↔ address) is checked after, so
// each failure gets its own specific error instead of a generic "invalid".

export interface DidAnswer {
  did: string;
  puk: string;
  project_name: string;
  /** 128 hex digits, no 0x; informational (not the register permit). */
  signature: string;
}

export interface DidDocAnswer {
  diddoc: Record<string, unknown>;
  signature: string;
}

export interface SignAnswer {
  sign: Hex;
}

/** What the device answers when it cannot sign; the capital S is the firmware's. */
export const SIGN_FAILURE = { Sign: "Failed to Signature" } as const;
export type SignFailureAnswer = typeof SIGN_FAILURE;

export interface SignRequest {
  hex: Hex;
}

const didAnswerSchema = z.looseObject({
  did: z.string({ error: "did must be a string" }),
  puk: z.string({ error: "puk must be a string (0x04 followed by 128 hex digits)" }),
  project_name: z.string({ error: "project_name must be a string" }).optional(),
  signature: z.string({ error: "signature must be a string" }).optional(),
});

const didDocAnswerSchema = z.looseObject({
  diddoc: z.unknown().refine((v) => v !== undefined, "diddoc is missing"),
  signature: z.string({ error: "signature must be a string" }).optional(),
});

const signAnswerSchema = z.looseObject({
  sign: z
    .string({ error: "sign must be a string" })
    .regex(/^(0x)?([0-9a-fA-F]{128}|[0-9a-fA-F]{130})$/, "sign must be 0x followed by 128 hex digits (r‖s)"),
});

/** The device's identity from a /did answer, checked: `puk` hashes to the DID's address. */
export interface DeviceIdentity {
  did: IoDid;
  address: Address;
  /** Uncompressed secp256k1 key, 0x04‖X‖Y, lowercase. */
  publicKey: Hex;
  projectName: string | undefined;
  /** Informational only: ESP32 signs SHA-256(did‖puk) with the device key, the Linux example uses a demo P-256 secret. */
  signature: string | undefined;
}

function toValue(input: unknown, what: JsonSubject): unknown {
  return typeof input === "string" || input instanceof Uint8Array ? parseJsonText(input, what) : input;
}

function shapeError(what: JsonSubject, error: z.ZodError): DeviceError {
  return new DeviceError("answer-invalid", text("DeviceErrors.answer.shape", { what, detail: describeZodError(error) }), { cause: error });
}

export function parseDidAnswer(input: unknown): DeviceIdentity {
  const value = toValue(input, "didAnswer");
  const parsed = didAnswerSchema.safeParse(value);
  if (!parsed.success) throw shapeError("didAnswer", parsed.error);
  const { did, address } = parseDid(parsed.data.did);
  const publicKey = bytesToHex(uncompressedSecp256k1(parsed.data.puk.trim()));
  const keyAddress = addressFromPublicKey(publicKey);
  if (!isAddressEqual(keyAddress, address)) {
    throw new DeviceError(
      "public-key-mismatch",
      text("DeviceErrors.answer.keyMismatch", { keyAddress, address }),
      { details: { did, keyAddress } },
    );
  }
  return { did, address, publicKey, projectName: parsed.data.project_name, signature: parsed.data.signature };
}

export interface DeviceDidDocument {
  document: DidDocument;
  signature: string | undefined;
  /** Set when `expectedDid` was given: the verification method whose key is the device's. */
  verificationMethodId: string | undefined;
}

/**
 * Parses a /diddoc answer. With `expectedDid` (from /did) it also checks the document is
 * about that device and publishes its key.
 */
export function parseDidDocAnswer(input: unknown, options: { expectedDid?: string } = {}): DeviceDidDocument {
  const value = toValue(input, "diddocAnswer");
  const parsed = didDocAnswerSchema.safeParse(value);
  if (!parsed.success) throw shapeError("diddocAnswer", parsed.error);
  // Tolerate firmware that embeds the document as a JSON string rather than an object.
  const document = parseDidDocument(parsed.data.diddoc);
  const verificationMethodId = options.expectedDid === undefined ? undefined : verifyDidDocumentForDevice(document, options.expectedDid).verificationMethodId;
  return { document, signature: parsed.data.signature, verificationMethodId };
}

/** Returns the device's r‖s (or r‖s‖v) as lowercase 0x hex; the failure answer throws `device-sign-failed`. */
export function parseSignAnswer(input: unknown): { rs: Hex } {
  const value = toValue(input, "signAnswer");
  if (isSignFailure(value)) {
    throw new DeviceError("device-sign-failed", text("DeviceErrors.answer.signRefused", { said: preview((value as { Sign: unknown }).Sign, 60), shape: '{"hex": "0x" + 64 hex digits}' }));
  }
  const parsed = signAnswerSchema.safeParse(value);
  if (!parsed.success) throw shapeError("signAnswer", parsed.error);
  const hex = parsed.data.sign.replace(/^0x/, "").toLowerCase();
  return { rs: `0x${hex}` };
}

function isSignFailure(value: unknown): boolean {
  return typeof value === "object" && value !== null && !Array.isArray(value) && "Sign" in value && !("sign" in value);
}

export type DeviceAnswer =
  | { kind: "did"; identity: DeviceIdentity }
  | { kind: "diddoc"; diddoc: DeviceDidDocument }
  | { kind: "sign"; rs: Hex };

/** For unframed transports (serial) where the answer's kind is only known from its members. */
export function parseDeviceAnswer(input: unknown): DeviceAnswer {
  const value = toValue(input, "deviceAnswer");
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new DeviceError("answer-invalid", text("DeviceErrors.answer.notObject", { kind: Array.isArray(value) ? "array" : value === null ? "null" : typeof value }));
  }
  if ("did" in value && "puk" in value) return { kind: "did", identity: parseDidAnswer(value) };
  if ("diddoc" in value) return { kind: "diddoc", diddoc: parseDidDocAnswer(value) };
  if ("sign" in value || "Sign" in value) return { kind: "sign", ...parseSignAnswer(value) };
  const keys = Object.keys(value).slice(0, 5).join(", ");
  throw new DeviceError("answer-invalid", text("DeviceErrors.answer.unknown", { members: `{${preview(keys, 60)}}` }));
}

/** The body the device expects: compact JSON with the 32-byte digest as 0x + 64 lowercase hex digits. */
export function buildSignRequest(digest: unknown): SignRequest {
  return { hex: parseDigest(digest) };
}

export function signRequestBody(digest: unknown): string {
  return JSON.stringify(buildSignRequest(digest));
}
