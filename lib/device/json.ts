import { DeviceError, preview, type DeviceErrorCode } from "./errors";

/** Real answers are a few hundred bytes; anything far larger is not a device talking. */
export const MAX_JSON_TEXT_LENGTH = 256 * 1024;

/**
 * Parses device JSON text. cJSON pretty-prints with tabs and newlines, which JSON.parse
 * accepts as-is; C firmware may also leave a BOM or trailing NUL bytes on serial lines.
 */
export function parseJsonText(input: string | Uint8Array, what: string, code: DeviceErrorCode = "answer-not-json"): unknown {
  const raw = typeof input === "string" ? input : new TextDecoder("utf-8", { fatal: false }).decode(input);
  if (raw.length > MAX_JSON_TEXT_LENGTH) {
    throw new DeviceError("answer-too-large", `The ${what} is ${raw.length} characters long; a device answer is expected to be well under ${MAX_JSON_TEXT_LENGTH}.`);
  }
  const text = trimTrailing(raw.replace(/^\uFEFF/, ""));
  if (text.length === 0) {
    throw new DeviceError(code, `The ${what} is empty; expected JSON.`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    const reason = cause instanceof SyntaxError ? cause.message : "unparseable";
    throw new DeviceError(code, `The ${what} is not valid JSON (${reason}): ${preview(text, 60)}`, { cause });
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
