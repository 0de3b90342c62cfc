import type { Hex } from "viem";
import { parseDidDocument, type DidDocument } from "./didDocument";
import { MAX_DOCUMENT_DEPTH, nestsDeeperThan } from "./depth";
import type { FetchedDocument } from "./documentFetch";
import { checkDocumentHash } from "./hashCheck";
import type { HashContext } from "./nonDocumentHash";
import type { CachedDocument } from "./cachedDocument";
import { english } from "../i18n/renderText";
import { saidOf } from "../untrusted/errors";

/** Bytes → JSON → DID Document, each step's failure kept apart from the hash verdict. */
export function interpretDocument(uri: string, fetched: FetchedDocument, onChainHash: Hex, did: string, context: HashContext): CachedDocument {
  const retrieval = {
    uri: uri.slice(0, 200),
    uriLength: uri.length,
    via: fetched.via,
    finalUrl: fetched.finalUrl,
    redirects: fetched.redirects,
    bytes: fetched.bytes.length,
    ...(fetched.contentType ? { contentType: fetched.contentType } : {}),
  };
  let raw: string;
  try {
    raw = new TextDecoder("utf-8", { fatal: true }).decode(fetched.bytes);
  } catch {
    return { retrieval, raw: "", document: undefined, documentError: { error: "invalidDidDocument", message: "The document is not UTF-8 text." }, hashCheck: checkDocumentHash(onChainHash, fetched.bytes, undefined, context) };
  }
  let json: unknown;
  try {
    json = JSON.parse(raw.replace(/^\uFEFF/, ""));
  } catch (error) {
    const message = `The document is not JSON (${error instanceof Error ? error.message : "unparseable"}).`;
    return { retrieval, raw, document: undefined, documentError: { error: "invalidDidDocument", message }, hashCheck: checkDocumentHash(onChainHash, fetched.bytes, undefined, context) };
  }
  if (nestsDeeperThan(json, MAX_DOCUMENT_DEPTH)) {
    // Checked before anything walks it: canonicalising or serialising it would overflow the stack.
    const message = `The document nests more than ${MAX_DOCUMENT_DEPTH} levels deep; no DID Document does.`;
    return { retrieval, raw, document: undefined, documentError: { error: "invalidDidDocument", message }, hashCheck: checkDocumentHash(onChainHash, fetched.bytes, undefined, context) };
  }
  const hashCheck = checkDocumentHash(onChainHash, fetched.bytes, json, context);
  let document: DidDocument;
  try {
    document = parseDidDocument(json);
  } catch (error) {
    return { retrieval, raw, document: undefined, documentError: { error: "invalidDidDocument", message: english(saidOf(error)) }, hashCheck };
  }
  const documentError =
    document.id.toLowerCase() === did
      ? undefined
      : { error: "invalidDidDocument" as const, message: `The document describes ${document.id.slice(0, 80)}, not ${did}.` };
  return { retrieval, raw, document, documentError, hashCheck };
}
