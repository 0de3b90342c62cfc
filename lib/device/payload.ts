import { base64urlnopad } from "@scure/base";
import { getAddress, isAddress, type Address, type Hex } from "viem";
import { z } from "zod";
import { parseDid, type IoDid } from "../did/did";
import { parseDidDocument, verifyDidDocumentForDevice, type DidDocument } from "../did/didDocument";
import { assertHttpScheme, isBareHost, parseDeviceEndpoint } from "./endpoint";
import { DeviceError, describeZodIssue, preview } from "./errors";
import { parseDidAnswer } from "./ioconnect";
import { parseJsonText } from "./json";
import { permitDigest } from "./permit";
import { recoverDeviceSignature } from "./signature";

// Every way a claim can start (camera QR, image, paste, deep link, BLE, serial) ends here, so the
// rules live in one place and docs/claim-payload.md describes exactly this function.

export const CLAIM_PAYLOAD_VERSION = 1;
/** Raw text (or bytes) accepted before any decoding: a deep link of a full payload fits, a pasted file does not. */
export const MAX_CLAIM_INPUT_BYTES = 8 * 1024;
/** The decoded JSON. A QR code tops out near 3 KB; 4 KB leaves room for a small inline document over BLE. */
export const MAX_CLAIM_PAYLOAD_BYTES = 4 * 1024;

/** How the input arrived: the UI words its confirmation by it. */
export type ClaimInputForm = "json" | "base64url" | "link" | "did" | "endpoint";

export interface ClaimPermit {
  owner: Address;
  nonce: bigint;
  /** r‖s‖v (65 bytes) with v recovered against the device, ready for `register`. */
  signature: Hex;
}

export interface ClaimDeviceNft {
  contract: Address;
  tokenId?: bigint;
}

interface ClaimInputFields {
  form: ClaimInputForm;
  did?: IoDid;
  device?: Address;
  /** Uncompressed secp256k1 key, 0x04‖X‖Y, checked against the DID. */
  publicKey?: Hex;
  /** Checked: its id is the DID and a secp256k1 key in it is the device's. */
  document?: DidDocument;
  docUri?: string;
  docHash?: Hex;
  /** An ioConnect HTTP device's origin (no path). */
  endpoint?: string;
  chainId?: number;
  registry?: Address;
  /** A pre-signed payload's permit, already verified against (chainId, registry, owner, nonce). */
  permit?: ClaimPermit;
  deviceNFT?: ClaimDeviceNft;
  projectName?: string;
  /** Deep links only: the origin the link points at. */
  linkOrigin?: string;
  /** Deep links only, with `appOrigin` given: the link names another site than this app. */
  foreignLink?: boolean;
}

export type ClaimInput =
  /** Our claim payload (v1), from JSON, base64url or a link. */
  | (ClaimInputFields & { kind: "payload"; did: IoDid; device: Address })
  /** An ioConnect `/did` answer: identity only. */
  | (ClaimInputFields & { kind: "ioconnect"; did: IoDid; device: Address; publicKey: Hex })
  /** A bare DID: the app knows who, not how to reach it. */
  | (ClaimInputFields & { kind: "did"; did: IoDid; device: Address })
  /** A device URL: the app knows how to reach it, not yet who it is. */
  | (ClaimInputFields & { kind: "endpoint"; endpoint: string; did?: undefined; device?: undefined });

/**
 * What the claim still needs before it can be sent:
 * - identity: no DID yet (ask the device: `identify()`);
 * - signer: no pre-signed permit and no endpoint (connect the device over BLE or USB to sign);
 * - document: no document and no docUri (read /diddoc from the device);
 * - deviceNFT: no device-NFT contract and token id (the owner picks one).
 */
export type ClaimGap = "identity" | "signer" | "document" | "deviceNFT";

export function claimInputGaps(input: ClaimInput): ClaimGap[] {
  const gaps: ClaimGap[] = [];
  if (input.did === undefined) gaps.push("identity");
  if (input.permit === undefined && input.endpoint === undefined) gaps.push("signer");
  if (input.document === undefined && input.docUri === undefined) gaps.push("document");
  if (input.deviceNFT?.tokenId === undefined) gaps.push("deviceNFT");
  return gaps;
}

/** The v1 wire format (docs/claim-payload.md). Integers may be given as bigint; they are written as decimal strings. */
export interface ClaimPayloadV1 {
  v: 1;
  did: string;
  puk?: string;
  /** A DID Document object (validated when parsed). */
  doc?: object;
  docUri?: string;
  docHash?: string;
  endpoint?: string;
  chainId?: number;
  registry?: string;
  owner?: string;
  nonce?: string | number | bigint;
  sig?: string;
  deviceNFT?: { contract: string; tokenId?: string | number | bigint };
  project?: string;
}

/** Also the order encodeClaimPayload writes them in, so equal payloads encode to equal text. */
const PAYLOAD_KEYS = ["v", "did", "puk", "doc", "docUri", "docHash", "endpoint", "chainId", "registry", "owner", "nonce", "sig", "deviceNFT", "project"] as const;
const KNOWN_KEYS: ReadonlySet<string> = new Set(PAYLOAD_KEYS);

// ---------------------------------------------------------------------------
// Field schemas. Every message says what the field must look like; the field name is added
// when the issue is reported, so no default zod text reaches a person.

const UINT256_MAX = (1n << 256n) - 1n;

const hexField = (pattern: RegExp, message: string) => z.string({ error: message }).regex(pattern, { error: message });

const addressField = () => {
  const message = "must be a 0x address with 40 hex digits";
  return z
    .string({ error: message })
    .refine((s) => isAddress(s, { strict: false }), { error: message })
    .refine((s) => !/^0x0{40}$/.test(s), { error: "is the zero address" })
    .transform((s) => getAddress(s));
};

const uintField = (example: string) => {
  const message = `must be a non-negative integer, written as a decimal string such as "${example}"`;
  return z
    .union([z.string({ error: message }).regex(/^[0-9]{1,78}$/, { error: message }), z.number({ error: message }).int({ error: message }).nonnegative({ error: message })], { error: message })
    .transform((value) => BigInt(value))
    .refine((value) => value <= UINT256_MAX, { error: "is larger than a uint256" });
};

const payloadSchema = z.object({
  v: z.literal(1),
  did: z.string({ error: 'must be a string "did:io:0x…"' }),
  puk: hexField(/^0x04[0-9a-fA-F]{128}$/, "must be the uncompressed secp256k1 public key: 0x04 followed by 128 hex digits").optional(),
  doc: z.record(z.string(), z.unknown(), { error: "must be a DID Document object" }).optional(),
  docUri: z
    .string({ error: "must be a URI string" })
    .max(2048, { error: "is longer than 2048 characters" })
    .regex(/^(ipfs|ipns|https?|data):\S+$/i, { error: "must be an ipfs://, https://, http:// or data: URI without spaces" })
    .optional(),
  docHash: hexField(/^0x[0-9a-fA-F]{64}$/, "must be 0x followed by 64 hex digits (32 bytes)")
    .refine((h) => !/^0x0{64}$/.test(h), { error: "is zero; the registry refuses an empty hash" })
    .optional(),
  endpoint: z.string({ error: "must be an http(s) URL string such as http://192.168.1.20:8000" }).optional(),
  chainId: z
    .number({ error: "must be a positive integer chain id such as 4690 (a number, not a string)" })
    .int({ error: "must be a positive integer chain id such as 4690" })
    .positive({ error: "must be a positive integer chain id such as 4690" })
    .optional(),
  registry: addressField().optional(),
  owner: addressField().optional(),
  nonce: uintField("0").optional(),
  sig: z
    .string({ error: "must be a hex string" })
    .regex(/^0x([0-9a-fA-F]{128}|[0-9a-fA-F]{130})$/, { error: "must be 0x followed by r‖s (128 hex digits) or r‖s‖v (130)" })
    .optional(),
  deviceNFT: z
    .strictObject(
      { contract: addressField(), tokenId: uintField("42").optional() },
      { error: (issue) => (issue.code === "unrecognized_keys" ? `has an unknown field "${issue.keys[0] ?? ""}"; it takes contract and tokenId` : "must be an object {contract, tokenId?}") },
    )
    .optional(),
  project: z
    .string({ error: "must be the project's name as a string" })
    .trim()
    .min(1, { error: "is empty" })
    .max(128, { error: "is longer than 128 characters" })
    .optional(),
});

function payloadError(message: string, details: Record<string, unknown> = {}): DeviceError {
  return new DeviceError("payload-invalid", `Invalid claim payload: ${message}.`, { details });
}

// ---------------------------------------------------------------------------
// Entry point

export interface ParseClaimInputOptions {
  /** This app's origin (`location.origin`): a link to another origin is accepted but flagged `foreignLink`. */
  appOrigin?: string;
}

/**
 * Parses any claim input (docs/claim-payload.md). Returns a validated result or throws a
 * DeviceError with a specific code; nothing else escapes.
 */
export function parseClaimInput(input: string | Uint8Array, options: ParseClaimInputOptions = {}): ClaimInput {
  const text = inputText(input);
  if (text.startsWith("{")) return fromJsonText(text, "json");
  if (/^did:/i.test(text)) {
    const { did, address } = parseDid(text);
    return { kind: "did", form: "did", did, device: address };
  }
  if (isBareHost(text)) return { kind: "endpoint", form: "endpoint", endpoint: parseDeviceEndpoint(text) };
  if (/^[a-z][a-z0-9+.-]*:/i.test(text)) return fromUrl(text, options.appOrigin);
  if (/^0x[0-9a-f]{40}$/i.test(text)) {
    throw new DeviceError(
      "payload-unrecognised",
      `"${text}" is a bare address. If it is the device's, write it as the DID did:io:${text.toLowerCase()}; better, scan the device's own QR so the app can check its key.`,
    );
  }
  if (/^[A-Za-z0-9_-]+=*$/.test(text)) return fromBase64url(text, "base64url");
  throw new DeviceError(
    "payload-unrecognised",
    `"${preview(text, 40)}" is not a claim input: expected a claim payload (JSON or base64url), a claim link (https://…/claim?d=…), a did:io:0x… DID or a device URL such as http://192.168.1.20:8000.`,
  );
}

function inputText(input: string | Uint8Array): string {
  let raw: string;
  if (input instanceof Uint8Array) {
    if (input.length > MAX_CLAIM_INPUT_BYTES) throw tooLarge("input", input.length, MAX_CLAIM_INPUT_BYTES);
    try {
      raw = new TextDecoder("utf-8", { fatal: true }).decode(input);
    } catch (cause) {
      throw new DeviceError("payload-encoding", "The input bytes are not UTF-8 text; a claim payload is JSON or base64url text.", { cause });
    }
  } else if (typeof input === "string") {
    // Characters, not bytes: cheap, and anything under the limit is measured again once decoded.
    if (input.length > MAX_CLAIM_INPUT_BYTES) throw tooLarge("input", input.length, MAX_CLAIM_INPUT_BYTES);
    raw = input;
  } else {
    throw new DeviceError("payload-unrecognised", `A claim input must be text or bytes, got ${typeof input}.`);
  }
  // trim() also drops a BOM (U+FEFF is whitespace to JS); C firmware may pad with NULs.
  const text = raw.replace(/^[\s\u0000]+|[\s\u0000]+$/g, "");
  if (text.length === 0) throw new DeviceError("payload-empty", "The input is empty: scan, paste or upload the device's claim code.");
  return text;
}

function tooLarge(what: "input" | "payload", size: number, max: number): DeviceError {
  return new DeviceError(
    "payload-too-large",
    what === "input"
      ? `The input is ${size} characters long; a claim input is at most ${max}. This is not a device's claim code.`
      : `The decoded claim payload is ${size} bytes; the limit is ${max}. Put the DID Document behind docUri instead of inline.`,
    { details: { size, max } },
  );
}

/**
 * Plain words are base64url too, so from a paste a failed decode means "not a claim input";
 * only inside a link's d= (which must be an encoding) is it an encoding error.
 */
function fromBase64url(text: string, form: "base64url" | "link"): ClaimInput {
  const fail = (cause?: unknown) =>
    form === "link"
      ? new DeviceError("payload-encoding", "The link's d= parameter is neither base64url (RFC 4648 §5, no padding) nor URI-encoded JSON of a claim payload.", { cause })
      : new DeviceError(
          "payload-unrecognised",
          `"${preview(text, 40)}" is not a claim input: it is not a DID or URL, and read as base64url it is not a JSON claim payload.`,
          { cause },
        );
  let bytes: Uint8Array;
  try {
    bytes = base64urlnopad.decode(text.replace(/=+$/, ""));
  } catch (cause) {
    throw fail(cause);
  }
  if (bytes.length > MAX_CLAIM_PAYLOAD_BYTES) throw tooLarge("payload", bytes.length, MAX_CLAIM_PAYLOAD_BYTES);
  let decoded: string;
  try {
    decoded = new TextDecoder("utf-8", { fatal: true }).decode(bytes).trim();
  } catch (cause) {
    throw fail(cause);
  }
  if (!decoded.startsWith("{")) throw fail();
  return fromJsonText(decoded, form);
}

function fromUrl(text: string, appOrigin: string | undefined): ClaimInput {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new DeviceError("endpoint-invalid", `"${preview(text)}" looks like a URL but is not a valid one.`);
  }
  assertHttpScheme(url, text);
  const data = url.searchParams.get("d") ?? new URLSearchParams(url.hash.replace(/^#/, "")).get("d");
  if (data === null) {
    if (/^\/claim\/?$/i.test(url.pathname)) {
      throw new DeviceError("payload-encoding", `The claim link "${preview(text)}" has no d= parameter carrying the payload.`);
    }
    return { kind: "endpoint", form: "endpoint", endpoint: parseDeviceEndpoint(text) };
  }
  const value = data.trim();
  if (value === "") throw new DeviceError("payload-empty", "The link's d= parameter is empty.");
  // URLSearchParams has already undone percent-encoding, so URI-encoded JSON arrives as JSON here.
  const parsed = value.startsWith("{") ? fromJsonText(value, "link") : fromBase64url(value, "link");
  const linkOrigin = url.origin;
  return appOrigin === undefined ? { ...parsed, linkOrigin } : { ...parsed, linkOrigin, foreignLink: linkOrigin !== originOf(appOrigin) };
}

function originOf(value: string): string {
  try {
    return new URL(value).origin;
  } catch {
    return value;
  }
}

function fromJsonText(text: string, form: "json" | "base64url" | "link"): ClaimInput {
  const size = new TextEncoder().encode(text).length;
  if (size > MAX_CLAIM_PAYLOAD_BYTES) throw tooLarge("payload", size, MAX_CLAIM_PAYLOAD_BYTES);
  const value = parseJsonText(text, "claim payload", "payload-encoding");
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new DeviceError("payload-unrecognised", `The JSON is ${Array.isArray(value) ? "an array" : String(value === null ? "null" : typeof value)}; a claim payload is an object {"v":1,"did":"did:io:0x…"}.`);
  }
  const object = value as Record<string, unknown>;
  if ("v" in object) return fromPayload(object, form);
  if ("diddoc" in object) {
    throw new DeviceError(
      "payload-not-claim",
      "This is a device's /diddoc answer (its DID Document). It cannot start a claim on its own: use the device's identity instead (its claim QR, or the /did answer).",
    );
  }
  if ("sign" in object || "Sign" in object || "hex" in object) {
    throw new DeviceError("payload-not-claim", "This is a signing request or answer, not a device identity: use the device's claim QR or its /did answer.");
  }
  if ("did" in object && "puk" in object) {
    const identity = parseDidAnswer(object);
    const result: ClaimInput = { kind: "ioconnect", form, did: identity.did, device: identity.address, publicKey: identity.publicKey };
    return identity.projectName === undefined ? result : { ...result, projectName: identity.projectName };
  }
  if ("did" in object) {
    throw new DeviceError("payload-version", 'The claim payload has no "v" (its format version); version 1 payloads start {"v":1,"did":…}.');
  }
  if ("verificationMethod" in object || "@context" in object) {
    throw new DeviceError("payload-not-claim", "This is a DID Document on its own. Use the device's identity instead (its claim QR, or the /did answer); the document can go inside a payload as doc.");
  }
  const keys = Object.keys(object);
  throw new DeviceError(
    "payload-unrecognised",
    keys.length === 0 ? "The JSON object is empty; a claim payload is {\"v\":1,\"did\":\"did:io:0x…\"}." : `The JSON object with fields ${preview(keys.slice(0, 6).join(", "), 60)} is not a claim payload: it needs "v" and "did".`,
  );
}

function fromPayload(object: Record<string, unknown>, form: "json" | "base64url" | "link"): ClaimInput {
  const version = object.v;
  if (version !== CLAIM_PAYLOAD_VERSION) {
    // Checked before unknown fields: a newer version legitimately has fields we do not know.
    if (typeof version === "number" && Number.isInteger(version) && version > CLAIM_PAYLOAD_VERSION) {
      throw new DeviceError("payload-version", `This payload version ${version} is newer than this app supports (version ${CLAIM_PAYLOAD_VERSION}); update the app, or ask the device maker for a version ${CLAIM_PAYLOAD_VERSION} payload.`, {
        details: { version },
      });
    }
    throw new DeviceError("payload-version", `The payload's "v" must be the number ${CLAIM_PAYLOAD_VERSION}, got ${preview(version, 20)}.`, { details: { version } });
  }
  const unknown = Object.keys(object).filter((key) => !KNOWN_KEYS.has(key));
  if (unknown.length > 0) {
    throw new DeviceError(
      "payload-unknown-field",
      `The claim payload has an unknown field ${unknown.slice(0, 3).map((k) => `"${preview(k, 30)}"`).join(", ")}${unknown.length > 3 ? " and more" : ""}: version 1 knows ${PAYLOAD_KEYS.join(", ")}. Check the spelling (names are case-sensitive).`,
      { details: { fields: unknown } },
    );
  }
  const parsed = payloadSchema.safeParse(object);
  if (!parsed.success) {
    // The first issue only: the fields are independent, and one precise sentence reads better.
    const { where, message } = describeZodIssue(parsed.error.issues[0]!, object);
    throw payloadError(`"${where}" ${message}`, { field: where });
  }
  const p = parsed.data;
  if (p.doc !== undefined && p.docUri !== undefined) throw payloadError("give either doc (the document itself) or docUri (where it is published), not both");
  if (p.docHash !== undefined && p.docUri === undefined) throw payloadError("docHash is the hash of the document at docUri, so it needs docUri (an inline doc is hashed by the app)");
  const permitFields = [p.owner, p.nonce, p.sig];
  const presigned = permitFields.some((f) => f !== undefined);
  if (presigned) {
    const missing = (["owner", "nonce", "sig"] as const).filter((_, i) => permitFields[i] === undefined);
    if (missing.length > 0) throw payloadError(`a pre-signed payload needs owner, nonce and sig together; it lacks ${missing.join(" and ")}`, { missing });
    if (p.chainId === undefined || p.registry === undefined) {
      throw payloadError("a pre-signed payload must also carry chainId and registry, because the signature is bound to them");
    }
  }

  const identity = parseDid(p.did);
  const result: ClaimInput = { kind: "payload", form, did: identity.did, device: identity.address };
  if (p.puk !== undefined) result.publicKey = parseDidAnswer({ did: p.did, puk: p.puk }).publicKey;
  if (p.doc !== undefined) {
    const document = parseDidDocument(p.doc);
    verifyDidDocumentForDevice(document, identity.did);
    result.document = document;
  }
  if (p.docUri !== undefined) result.docUri = p.docUri;
  if (p.docHash !== undefined) result.docHash = p.docHash.toLowerCase() as Hex;
  if (p.endpoint !== undefined) result.endpoint = parseDeviceEndpoint(p.endpoint);
  if (p.chainId !== undefined) result.chainId = p.chainId;
  if (p.registry !== undefined) result.registry = p.registry;
  if (presigned) {
    const owner = p.owner!;
    const nonce = p.nonce!;
    const digest = permitDigest({ chainId: p.chainId!, registry: p.registry!, owner, nonce });
    const signature = recoverDeviceSignature({ digest, rs: p.sig, device: identity.address });
    result.permit = { owner, nonce, signature: signature.serialized };
  }
  if (p.deviceNFT !== undefined) result.deviceNFT = p.deviceNFT.tokenId === undefined ? { contract: p.deviceNFT.contract } : { contract: p.deviceNFT.contract, tokenId: p.deviceNFT.tokenId };
  if (p.project !== undefined) result.projectName = p.project;
  return result;
}

// ---------------------------------------------------------------------------
// Producing payloads (the virtual device, tests, device makers' tooling)

/**
 * Compact JSON of a v1 payload in a fixed member order. It is parsed back before it is
 * returned, so this never produces a payload the app would refuse.
 */
export function encodeClaimPayload(payload: ClaimPayloadV1): string {
  const ordered: Record<string, unknown> = {};
  for (const key of PAYLOAD_KEYS) {
    const value = (payload as unknown as Record<string, unknown>)[key];
    if (value === undefined) continue;
    ordered[key] = key === "deviceNFT" ? stringifyInts(value as Record<string, unknown>) : typeof value === "bigint" ? value.toString() : value;
  }
  const text = JSON.stringify(ordered);
  parseClaimInput(text);
  return text;
}

function stringifyInts(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, typeof v === "bigint" || typeof v === "number" ? v.toString() : v]));
}

/** `https://app.example/claim?d=<base64url of the compact payload>`: the form a device prints or shows as a QR. */
export function claimDeepLink(origin: string, payload: ClaimPayloadV1): string {
  let base: URL;
  try {
    base = new URL(origin);
  } catch {
    throw new DeviceError("endpoint-invalid", `The app origin "${preview(origin)}" is not a URL.`);
  }
  assertHttpScheme(base, origin);
  const data = base64urlnopad.encode(new TextEncoder().encode(encodeClaimPayload(payload)));
  return `${base.origin}/claim?d=${data}`;
}
