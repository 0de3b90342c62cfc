import { keccak256, type Hex } from "viem";
import { canonicalDocumentBytes } from "./didDocument";
import { decodeDataUri } from "./documentFetch";

// The on-chain documentHash has no standard definition (PROTOCOL.md §4). Ours is keccak256 of the RFC 8785
// (JCS) bytes; the common alternative is keccak256 of the bytes as uploaded. Anything else (SHA-256, the
// address, a Permit digest) is reported as a mismatch: we cannot tell a different rule from a changed document.

export type HashRule = "jcs" | "raw";

export type HashCheck =
  | { result: "jcs" | "raw"; onChain: Hex; jcs: Hex | undefined; raw: Hex }
  | { result: "mismatch"; onChain: Hex; jcs: Hex | undefined; raw: Hex }
  | { result: "unverifiable"; onChain: Hex; reason: string };

/**
 * Compares the on-chain hash with the document. `json` is the parsed JSON value when the bytes parsed
 * (JCS needs a JSON value); the raw rule needs only the bytes.
 */
export function checkDocumentHash(onChain: Hex, bytes: Uint8Array, json: unknown): HashCheck {
  const target = onChain.toLowerCase() as Hex;
  const raw = keccak256(bytes);
  let jcs: Hex | undefined;
  if (json !== undefined) {
    try {
      jcs = keccak256(canonicalDocumentBytes(json));
    } catch {
      jcs = undefined;
    }
  }
  if (jcs === target) return { result: "jcs", onChain: target, jcs, raw };
  if (raw === target) return { result: "raw", onChain: target, jcs, raw };
  return { result: "mismatch", onChain: target, jcs, raw };
}

export function unverifiable(onChain: Hex, reason: string): HashCheck {
  return { result: "unverifiable", onChain: onChain.toLowerCase() as Hex, reason };
}

export function hashVerified(check: HashCheck): boolean {
  return check.result === "jcs" || check.result === "raw";
}

/** The verdict in an owner's words: a short label for badges and one sentence that says what it means. */
export function describeHashCheck(check: HashCheck): { label: string; sentence: string; tone: "ok" | "warn" | "bad" } {
  switch (check.result) {
    case "jcs":
      return {
        label: "Hash matches",
        sentence: "The on-chain hash equals keccak256 of the document's canonical JSON (RFC 8785): this is exactly the document that was registered.",
        tone: "ok",
      };
    case "raw":
      return {
        label: "Hash matches (raw bytes)",
        sentence: "The on-chain hash equals keccak256 of the document's bytes as served. The document is the registered one; it was hashed without canonicalisation.",
        tone: "ok",
      };
    case "mismatch":
      return {
        label: "Hash mismatch",
        sentence:
          "The on-chain hash matches neither keccak256 of the canonical JSON nor of the bytes served. The document changed since it was registered, or the registrant hashed it some other way: do not trust its keys.",
        tone: "bad",
      };
    case "unverifiable":
      return { label: "Not verifiable", sentence: `The document could not be checked: ${check.reason}`, tone: "warn" };
  }
}

/**
 * The verdict for a data: URI without any network (the list badges every row this way); undefined for other
 * URIs, which only the resolver may fetch.
 */
export function checkDataUriDocument(uri: string, onChain: Hex): HashCheck | undefined {
  if (!/^data:/i.test(uri)) return undefined;
  let bytes: Uint8Array;
  try {
    bytes = decodeDataUri(uri);
  } catch (error) {
    return unverifiable(onChain, error instanceof Error ? error.message : String(error));
  }
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    json = undefined;
  }
  return checkDocumentHash(onChain, bytes, json);
}
