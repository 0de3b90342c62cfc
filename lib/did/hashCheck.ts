import { keccak256, sha256, type Hex } from "viem";
import { canonicalDocumentBytes } from "./didDocument";
import { MAX_DOCUMENT_DEPTH, nestsDeeperThan } from "./depth";
import { decodeDataUri } from "./documentFetch";
import { text, type Text, type TextKey } from "../i18n/text";
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

/** The verdict in an owner's words: a short label for badges and one sentence that says what it means. */
export function describeHashCheck(check: HashCheck): { label: Text; sentence: Text; tone: "ok" | "warn" | "bad" | "muted" } {
  switch (check.result) {
    case "jcs":
      return { label: text("Documents.hash.jcsLabel"), sentence: text("Documents.hash.jcsSentence"), tone: "ok" };
    case "raw":
      return { label: text("Documents.hash.rawLabel"), sentence: text("Documents.hash.rawSentence"), tone: "ok" };
    case "sha256-jcs":
      return { label: text("Documents.hash.sha256JcsLabel"), sentence: text("Documents.hash.sha256JcsSentence"), tone: "ok" };
    case "sha256-raw":
      return { label: text("Documents.hash.sha256RawLabel"), sentence: text("Documents.hash.sha256RawSentence"), tone: "ok" };
    case "not-a-document-hash":
      return { label: text("Documents.hash.noDocumentLabel"), sentence: text(NO_DOCUMENT[check.commitment]), tone: "muted" };
    case "mismatch":
      return { label: text("Documents.hash.mismatchLabel"), sentence: text("Documents.hash.mismatchSentence"), tone: "bad" };
    case "unverifiable":
      return { label: text("Documents.hash.unverifiableLabel"), sentence: text("Documents.hash.unverifiableSentence", { reason: check.reason }), tone: "warn" };
  }
}

const NO_DOCUMENT: Record<NonDocumentCommitment, TextKey> = {
  zero: "Documents.hash.noDocumentZero",
  empty: "Documents.hash.noDocumentEmpty",
  "device-address": "Documents.hash.noDocumentDeviceAddress",
  "register-permit": "Documents.hash.noDocumentRegisterPermit",
};

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
