import { keccak256, sha256, type Hex } from "viem";
import { canonicalDocumentBytes } from "./didDocument";
import { MAX_DOCUMENT_DEPTH, nestsDeeperThan } from "./depth";
import { decodeDataUri } from "./documentFetch";
import { recognizeNonDocumentHash, type HashContext, type NonDocumentCommitment } from "./nonDocumentHash";

// The on-chain documentHash has no standard definition (PROTOCOL.md §4). Ours is keccak256 of the RFC 8785
// (JCS) bytes; other tools use keccak256 of the bytes as uploaded, or SHA-256 (IoTeX's ioctl prints SHA-256
// document hashes), over either. Each of the four is a document hash; a hash that commits to no document at all
// is recognised as such (nonDocumentHash.ts). Anything else is a mismatch: we cannot tell an unknown rule from a
// changed document.

export type HashRule = "jcs" | "raw" | "sha256-jcs" | "sha256-raw";

interface Digests {
  onChain: Hex;
  /** keccak256 of the canonical JSON (undefined when the bytes are not JSON). */
  jcs: Hex | undefined;
  /** keccak256 of the bytes as served. */
  raw: Hex;
  sha256Jcs: Hex | undefined;
  sha256Raw: Hex;
}

export type HashCheck =
  | ({ result: HashRule } & Digests)
  | ({ result: "mismatch" } & Digests)
  | { result: "not-a-document-hash"; onChain: Hex; commitment: NonDocumentCommitment }
  | { result: "unverifiable"; onChain: Hex; reason: string };

const RULES: readonly HashRule[] = ["jcs", "raw", "sha256-jcs", "sha256-raw"];

/** True for a verdict that the bytes are the document the chain commits to, under one of the rules. */
export const isHashRule = (result: string | undefined): result is HashRule => (RULES as readonly (string | undefined)[]).includes(result);

/**
 * Compares the on-chain hash with the document. `json` is the parsed JSON value when the bytes parsed
 * (JCS needs a JSON value); the raw rules need only the bytes. `context` lets a hash that commits to no document
 * be told from a mismatch.
 */
export function checkDocumentHash(onChain: Hex, bytes: Uint8Array, json: unknown, context?: HashContext): HashCheck {
  const target = onChain.toLowerCase() as Hex;
  let canonical: Uint8Array | undefined;
  // Canonicalising recurses: a value nested deeper than any DID Document is hashed as bytes only.
  if (json !== undefined && !nestsDeeperThan(json, MAX_DOCUMENT_DEPTH)) {
    try {
      canonical = canonicalDocumentBytes(json);
    } catch {
      canonical = undefined;
    }
  }
  const digests: Digests = {
    onChain: target,
    jcs: canonical && keccak256(canonical),
    raw: keccak256(bytes),
    sha256Jcs: canonical && sha256(canonical),
    sha256Raw: sha256(bytes),
  };
  const byRule: Record<HashRule, Hex | undefined> = { jcs: digests.jcs, raw: digests.raw, "sha256-jcs": digests.sha256Jcs, "sha256-raw": digests.sha256Raw };
  const rule = RULES.find((r) => byRule[r] === target);
  if (rule) return { result: rule, ...digests };
  return withoutDocument(target, context) ?? { result: "mismatch", ...digests };
}

/** The verdict when no bytes could be checked: a hash that commits to no document needs none. */
export function unverifiable(onChain: Hex, reason: string, context?: HashContext): HashCheck {
  const target = onChain.toLowerCase() as Hex;
  return withoutDocument(target, context) ?? { result: "unverifiable", onChain: target, reason };
}

function withoutDocument(onChain: Hex, context: HashContext | undefined): HashCheck | undefined {
  const commitment = recognizeNonDocumentHash(onChain, context);
  return commitment && { result: "not-a-document-hash", onChain, commitment };
}

export function hashVerified(check: HashCheck): boolean {
  return (RULES as readonly string[]).includes(check.result);
}

const NO_DOCUMENT: Record<NonDocumentCommitment, string> = {
  zero: "The on-chain hash is zero",
  empty: "The on-chain hash is keccak256 of nothing",
  "device-address": "The on-chain hash is keccak256 of the device's address, as some IoTeX tools register it",
  "register-permit": "The on-chain hash is the signature digest the device approved to register, as some registration scripts store it",
};

/** The verdict in an owner's words: a short label for badges and one sentence that says what it means. */
export function describeHashCheck(check: HashCheck): { label: string; sentence: string; tone: "ok" | "warn" | "bad" | "muted" } {
  const matches = (how: string) => `The on-chain hash equals ${how}: this is exactly the document that was registered.`;
  switch (check.result) {
    case "jcs":
      return { label: "Hash matches", sentence: matches("keccak256 of the document's canonical JSON (RFC 8785)"), tone: "ok" };
    case "raw":
      return { label: "Hash matches (raw bytes)", sentence: matches("keccak256 of the document's bytes as served"), tone: "ok" };
    case "sha256-jcs":
      return { label: "Hash matches (SHA-256)", sentence: matches("SHA-256 of the document's canonical JSON (RFC 8785)"), tone: "ok" };
    case "sha256-raw":
      return { label: "Hash matches (SHA-256, raw bytes)", sentence: matches("SHA-256 of the document's bytes as served, as IoTeX's ioctl prints it"), tone: "ok" };
    case "not-a-document-hash":
      return {
        label: "No document hash",
        sentence: `${NO_DOCUMENT[check.commitment]}: it commits to no document, so the chain cannot vouch for this document's content. Nothing is wrong with the record; trust its keys only as far as you trust where it is served from.`,
        tone: "muted",
      };
    case "mismatch":
      return {
        label: "Hash mismatch",
        sentence:
          "The on-chain hash matches neither keccak256 nor SHA-256 of the document, over its canonical JSON or over the bytes served. The document changed since it was registered, or the registrant hashed it some other way: do not trust its keys.",
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
export function checkDataUriDocument(uri: string, onChain: Hex, context?: HashContext): HashCheck | undefined {
  if (!/^data:/i.test(uri)) return undefined;
  let bytes: Uint8Array;
  try {
    bytes = decodeDataUri(uri);
  } catch (error) {
    return unverifiable(onChain, error instanceof Error ? error.message : String(error), context);
  }
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    json = undefined;
  }
  return checkDocumentHash(onChain, bytes, json, context);
}
