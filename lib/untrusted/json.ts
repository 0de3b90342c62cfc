import { text } from "../i18n/text";
import { DeviceError, preview, type DeviceErrorCode } from "./errors";

/** What the JSON text is said to be, in the owner's words (the catalog's DeviceErrors.json messages name each). */
export type JsonSubject = "didAnswer" | "diddocAnswer" | "signAnswer" | "deviceAnswer" | "didDocument" | "claimPayload";

/** Real answers are a few hundred bytes; anything far larger is not a device talking. */
export const MAX_JSON_TEXT_LENGTH = 256 * 1024;

/**
 * Parses device JSON text. cJSON pretty-prints with tabs and newlines, which JSON.parse
 * accepts as-is; C firmware may also leave a BOM or trailing NUL bytes on serial lines.
 */
export function parseJsonText(input: string | Uint8Array, what: JsonSubject, code: DeviceErrorCode = "answer-not-json"): unknown {
  const raw = typeof input === "string" ? input : new TextDecoder("utf-8", { fatal: false }).decode(input);
  if (raw.length > MAX_JSON_TEXT_LENGTH) {
    throw new DeviceError("answer-too-large", text("DeviceErrors.json.tooLarge", { what, length: raw.length, max: MAX_JSON_TEXT_LENGTH }));
  }
  const json = trimTrailing(raw.replace(/^\uFEFF/, ""));
  if (json.length === 0) {
    throw new DeviceError(code, text("DeviceErrors.json.empty", { what }));
  }
  try {
    return JSON.parse(json) as unknown;
  } catch (cause) {
    const reason = cause instanceof SyntaxError ? cause.message : "unparseable";
    throw new DeviceError(code, text("DeviceErrors.json.invalid", { what, reason, text: preview(json, 60) }), { cause });
  }
}

/** Whitespace (to JS, \s includes a BOM) and NUL padding. */
const JUNK = /[\u0000\s]/;

/**
 * Drops trailing whitespace and NULs, one character at a time from the end. A regex anchored at the end
 * (`/\s+$/`) retries from every character of a whitespace run that is not at the end: quadratic, seconds for a
 * 64 KB answer that a hostile device or claim link can send.
 */
export function trimTrailing(text: string): string {
  let end = text.length;
  while (end > 0 && JUNK.test(text[end - 1]!)) end--;
  return end === text.length ? text : text.slice(0, end);
}

/** Whitespace, a BOM and NULs dropped from both ends, in linear time (see trimTrailing). */
export function trimEnds(text: string): string {
  let start = 0;
  while (start < text.length && JUNK.test(text[start]!)) start++;
  return trimTrailing(start === 0 ? text : text.slice(start));
}
