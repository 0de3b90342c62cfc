import type { z } from "zod";
import { isText, untranslated, type Text } from "../i18n/text";

/**
 * Every way device data can be wrong. Codes are stable (the UI maps them to advice);
 * messages are for people and say what was found and what was expected.
 */
export type DeviceErrorCode =
  // identifiers
  | "did-invalid"
  | "did-method-unsupported"
  | "did-io-bech32"
  | "did-io-base58"
  | "did-url"
  // public keys
  | "public-key-invalid"
  | "public-key-p256"
  | "public-key-mismatch"
  // device answers
  | "answer-not-json"
  | "answer-too-large"
  | "answer-invalid"
  | "device-sign-failed"
  // DID documents
  | "diddoc-invalid"
  | "diddoc-mismatch"
  | "jwk-invalid"
  // signing
  | "digest-invalid"
  | "signature-malformed"
  | "signature-wrong-signer"
  | "permit-invalid"
  | "key-invalid"
  // claim inputs (QR, paste, deep link; docs/claim-payload.md)
  | "payload-empty"
  | "payload-too-large"
  | "payload-encoding"
  | "payload-unrecognised"
  | "payload-version"
  | "payload-unknown-field"
  | "payload-invalid"
  | "payload-not-claim"
  | "endpoint-invalid"
  | "endpoint-scheme"
  // device sessions (any transport)
  | "session-closed"
  | "session-required"
  | "device-mismatch"
  // HTTP transport
  | "http-unreachable"
  | "http-timeout"
  | "http-status"
  | "http-certificate"
  | "http-mixed-content"
  | "http-local-network-denied"
  // serial transport (docs/serial-protocol.md)
  | "serial-timeout"
  | "serial-garbage"
  | "serial-oversize"
  | "serial-disconnected"
  // BLE transport (docs/ble-profile.md)
  | "ble-timeout"
  | "ble-framing"
  | "ble-gatt";

export class DeviceError extends Error {
  override readonly name = "DeviceError";
  readonly code: DeviceErrorCode;
  /** Machine-readable facts behind the message (addresses, the bad value), for logs and UI hints. */
  readonly details: Readonly<Record<string, unknown>>;
  /**
   * What the owner reads, in their language. Given as a Text where the wording is the app's own (its English lives
   * in the catalog, and `message` names the key for logs); given as a string it is shown as it came.
   */
  readonly said: Text;

  constructor(code: DeviceErrorCode, message: string | Text, options: { cause?: unknown; details?: Record<string, unknown> } = {}) {
    super(isText(message) ? `${message.key} ${JSON.stringify(message.values ?? {})}` : message, options.cause === undefined ? undefined : { cause: options.cause });
    this.said = isText(message) ? message : untranslated(message);
    this.code = code;
    this.details = options.details ?? {};
  }
}

export function isDeviceError(error: unknown, code?: DeviceErrorCode): error is DeviceError {
  return error instanceof DeviceError && (code === undefined || error.code === code);
}

/** What to tell a person about anything thrown: a DeviceError in the app's words, anything else as it came. */
export function saidOf(error: unknown): Text {
  return isDeviceError(error) ? error.said : untranslated(error instanceof Error ? error.message : String(error));
}

/** One line per zod issue, with its JSON path, so "what is wrong" names the field. */
export function describeZodError(error: z.ZodError, input?: unknown): string {
  return error.issues
    .map((issue) => {
      const { where, message } = describeZodIssue(issue, input);
      return `${where}: ${message}`;
    })
    .join("; ");
}

/**
 * Where an issue is and what is wrong, in words: a schema's own message when it has one,
 * otherwise zod's default ("Invalid input: expected string, received undefined") rephrased,
 * because people read these in toasts. With the parsed `input`, a missing member says so
 * even when the schema's message was written for a wrong value.
 */
export function describeZodIssue(issue: z.core.$ZodIssue, input?: unknown): { where: string; message: string } {
  const where = issue.path.length === 0 ? "(root)" : issue.path.map((p) => (typeof p === "number" ? `[${p}]` : String(p))).join(".");
  const missing =
    issue.code === "invalid_type" &&
    (/received undefined$/.test(issue.message) ||
      (input !== undefined &&
        issue.path.length > 0 &&
        issue.path.reduce<unknown>((value, key) => (typeof value === "object" && value !== null ? (value as Record<PropertyKey, unknown>)[key] : undefined), input) === undefined));
  if (missing) return { where, message: "is missing" };
  if (!issue.message.startsWith("Invalid ")) return { where, message: issue.message };
  switch (issue.code) {
    case "invalid_type":
      return { where, message: `must be ${/^[aeiou]/.test(issue.expected) ? "an" : "a"} ${issue.expected}` };
    case "invalid_union":
      return { where, message: "has none of the accepted shapes" };
    case "invalid_format":
      return { where, message: `is not in the expected format (${issue.format === "regex" ? "wrong characters or length" : issue.format})` };
    case "invalid_value":
      return { where, message: `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}` };
    default:
      return { where, message: issue.message };
  }
}

/** Shortens long untrusted values inside messages so one bad answer cannot flood a log or a toast. */
export function preview(value: unknown, max = 80): string {
  let text: string;
  try {
    text = typeof value === "string" ? value : (JSON.stringify(value) ?? String(value));
  } catch {
    text = Object.prototype.toString.call(value);
  }
  return text.length > max ? `${text.slice(0, max)}… (${text.length} chars)` : text;
}
