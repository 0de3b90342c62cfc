import { base64urlnopad } from "@scure/base";
import { parseDid } from "../../did/did";
import { assertHttpScheme, isBareHost, parseDeviceEndpoint } from "../../device/endpoint";
import { DeviceError, preview } from "../../device/errors";
import { parseDidAnswer } from "../../device/ioconnect";
import { parseJsonText, trimEnds } from "../../device/json";
import { fromPayload } from "./payload";
import { MAX_CLAIM_INPUT_BYTES, MAX_CLAIM_PAYLOAD_BYTES, type ClaimInput } from "./types";

// Every way a claim can start (camera QR, image, paste, deep link, BLE, serial) ends here, so the
// rules live in one place and docs/claim-payload.md describes exactly this function.

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
  const text = trimEnds(raw);
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
