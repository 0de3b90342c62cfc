import { base64urlnopad } from "@scure/base";
import { parseDid } from "../../did/did";
import { assertHttpScheme, isBareHost, parseDeviceEndpoint } from "../../device/endpoint";
import { DeviceError, preview } from "../../untrusted/errors";
import { parseDidAnswer } from "../../device/ioconnect";
import { parseJsonText, trimEnds } from "../../untrusted/json";
import { fromPayload } from "./payload";
import { MAX_CLAIM_INPUT_BYTES, MAX_CLAIM_PAYLOAD_BYTES, type ClaimInput } from "./types";
import { text, untranslated } from "../../i18n/text";

/** The smallest claim payload, shown where the owner gave JSON that is not one. */
const PAYLOAD_EXAMPLE = '{"v":1,"did":"did:io:0x…"}';

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
  const source = inputText(input);
  if (source.startsWith("{")) return fromJsonText(source, "json");
  if (/^did:/i.test(source)) {
    const { did, address } = parseDid(source);
    return { kind: "did", form: "did", did, device: address };
  }
  if (isBareHost(source)) return { kind: "endpoint", form: "endpoint", endpoint: parseDeviceEndpoint(source) };
  if (/^[a-z][a-z0-9+.-]*:/i.test(source)) return fromUrl(source, options.appOrigin);
  if (/^0x[0-9a-f]{40}$/i.test(source)) {
    throw new DeviceError(
      "payload-unrecognised",
      text("DeviceErrors.input.bareAddress", { text: source, lower: source.toLowerCase() }),
    );
  }
  if (/^[A-Za-z0-9_-]+=*$/.test(source)) return fromBase64url(source, "base64url");
  throw new DeviceError(
    "payload-unrecognised",
    text("DeviceErrors.input.notClaimInput", { text: preview(source, 40) }),
  );
}

function inputText(input: string | Uint8Array): string {
  let raw: string;
  if (input instanceof Uint8Array) {
    if (input.length > MAX_CLAIM_INPUT_BYTES) throw tooLarge("input", input.length, MAX_CLAIM_INPUT_BYTES);
    try {
      raw = new TextDecoder("utf-8", { fatal: true }).decode(input);
    } catch (cause) {
      throw new DeviceError("payload-encoding", text("DeviceErrors.input.notUtf8"), { cause });
    }
  } else if (typeof input === "string") {
    // Characters, not bytes: cheap, and anything under the limit is measured again once decoded.
    if (input.length > MAX_CLAIM_INPUT_BYTES) throw tooLarge("input", input.length, MAX_CLAIM_INPUT_BYTES);
    raw = input;
  } else {
    // A caller passed neither text nor bytes: a bug, not anything a person gave.
    throw new DeviceError("payload-unrecognised", untranslated(`A claim input must be text or bytes, got ${typeof input}.`));
  }
  // trim() also drops a BOM (U+FEFF is whitespace to JS); C firmware may pad with NULs.
  const source = trimEnds(raw);
  if (source.length === 0) throw new DeviceError("payload-empty", text("DeviceErrors.input.empty"));
  return source;
}

function tooLarge(what: "input" | "payload", size: number, max: number): DeviceError {
  return new DeviceError(
    "payload-too-large",
    what === "input" ? text("DeviceErrors.input.inputTooLarge", { size, max }) : text("DeviceErrors.input.payloadTooLarge", { size, max }),
    { details: { size, max } },
  );
}

/**
 * Plain words are base64url too, so from a paste a failed decode means "not a claim input";
 * only inside a link's d= (which must be an encoding) is it an encoding error.
 */
function fromBase64url(source: string, form: "base64url" | "link"): ClaimInput {
  const fail = (cause?: unknown) =>
    form === "link"
      ? new DeviceError("payload-encoding", text("DeviceErrors.input.linkEncoding"), { cause })
      : new DeviceError(
          "payload-unrecognised",
          text("DeviceErrors.input.notBase64Payload", { text: preview(source, 40) }),
          { cause },
        );
  let bytes: Uint8Array;
  try {
    bytes = base64urlnopad.decode(source.replace(/=+$/, ""));
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

function fromUrl(source: string, appOrigin: string | undefined): ClaimInput {
  let url: URL;
  try {
    url = new URL(source);
  } catch {
    throw new DeviceError("endpoint-invalid", text("DeviceErrors.endpoint.linkNotUrl", { text: preview(source) }));
  }
  assertHttpScheme(url, source);
  const data = url.searchParams.get("d") ?? new URLSearchParams(url.hash.replace(/^#/, "")).get("d");
  if (data === null) {
    if (/^\/claim\/?$/i.test(url.pathname)) {
      throw new DeviceError("payload-encoding", text("DeviceErrors.input.linkWithoutData", { text: preview(source) }));
    }
    return { kind: "endpoint", form: "endpoint", endpoint: parseDeviceEndpoint(source) };
  }
  const value = data.trim();
  if (value === "") throw new DeviceError("payload-empty", text("DeviceErrors.input.linkDataEmpty"));
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

function fromJsonText(source: string, form: "json" | "base64url" | "link"): ClaimInput {
  const size = new TextEncoder().encode(source).length;
  if (size > MAX_CLAIM_PAYLOAD_BYTES) throw tooLarge("payload", size, MAX_CLAIM_PAYLOAD_BYTES);
  const value = parseJsonText(source, "claimPayload", "payload-encoding");
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new DeviceError("payload-unrecognised", text("DeviceErrors.input.jsonNotObject", { kind: Array.isArray(value) ? "array" : value === null ? "null" : typeof value, example: PAYLOAD_EXAMPLE }));
  }
  const object = value as Record<string, unknown>;
  if ("v" in object) return fromPayload(object, form);
  if ("diddoc" in object) {
    throw new DeviceError(
      "payload-not-claim",
      text("DeviceErrors.input.diddocAnswer"),
    );
  }
  if ("sign" in object || "Sign" in object || "hex" in object) {
    throw new DeviceError("payload-not-claim", text("DeviceErrors.input.signMessage"));
  }
  if ("did" in object && "puk" in object) {
    const identity = parseDidAnswer(object);
    const result: ClaimInput = { kind: "ioconnect", form, did: identity.did, device: identity.address, publicKey: identity.publicKey };
    return identity.projectName === undefined ? result : { ...result, projectName: identity.projectName };
  }
  if ("did" in object) {
    throw new DeviceError("payload-version", text("DeviceErrors.input.noVersion", { example: '{"v":1,"did":…}' }));
  }
  if ("verificationMethod" in object || "@context" in object) {
    throw new DeviceError("payload-not-claim", text("DeviceErrors.input.documentAlone"));
  }
  const keys = Object.keys(object);
  throw new DeviceError(
    "payload-unrecognised",
    keys.length === 0 ? text("DeviceErrors.input.emptyObject", { example: PAYLOAD_EXAMPLE }) : text("DeviceErrors.input.notPayload", { fields: preview(keys.slice(0, 6).join(", "), 60) }),
  );
}
