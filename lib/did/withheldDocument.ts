import { MAX_DOCUMENT_DEPTH, nestsDeeperThan } from "./depth";
import { parseDidDocument, type DidDocument } from "./didDocument";
import { isHashRule } from "./hashCheck";
import type { DidResolutionResult } from "./resolutionResult";

/**
 * A retrieved document the resolver withheld only because it describes another DID (an IoTeX server's
 * Sprout document registered for a device, say): the device page still summarises it for the owner to
 * inspect, marked as about another DID. Only when its bytes match the on-chain hash: a document the chain
 * does not commit to (tampered, or an unverifiable hash) is shown raw only.
 */
export function withheldDocument(result: DidResolutionResult): DidDocument | undefined {
  const meta = result.didResolutionMetadata;
  const raw = meta.document?.raw;
  if (result.didDocument || meta.error !== "invalidDidDocument" || !isHashRule(meta.hashCheck?.result) || raw === undefined || !meta.did) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(raw.replace(/^\uFEFF/, ""));
  } catch {
    return undefined;
  }
  if (nestsDeeperThan(json, MAX_DOCUMENT_DEPTH)) return undefined;
  let document: DidDocument;
  try {
    document = parseDidDocument(json);
  } catch {
    return undefined;
  }
  return document.id.toLowerCase() === meta.did.didString.toLowerCase() ? undefined : document;
}
