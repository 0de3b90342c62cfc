import type { Hex } from "viem";
import { dataUriForDocument, documentHash, jwkFromSecp256k1PublicKey, parseDidDocument, type DidDocument } from "../did/didDocument";

/** What `register` records for the device's DID Document, and where it came from (shown to the owner). */
export interface DocumentChoice {
  uri: string;
  hash: Hex;
  document: DidDocument | undefined;
  origin: "payload-uri" | "payload-document" | "device" | "generated";
}

export interface DocumentSources {
  did: string;
  publicKey: Hex | undefined;
  document?: DidDocument | undefined;
  docUri?: string | undefined;
  docHash?: Hex | undefined;
  /** Reads the device's own /diddoc when a session is open. */
  readDeviceDocument?: (() => Promise<DidDocument>) | undefined;
}

/**
 * Picks the document by precedence: a URI+hash the payload names, a document it carries, the device's own,
 * and last a minimal one built from the device key — every claim records a resolvable document.
 * Ours are stored as data: URIs with hash = keccak256(JCS bytes) (docs/claim-payload.md).
 */
export async function chooseDocument(s: DocumentSources): Promise<DocumentChoice> {
  if (s.docUri && s.docHash) return { uri: s.docUri, hash: s.docHash, document: undefined, origin: "payload-uri" };
  if (s.document) return fromDocument(s.document, "payload-document");
  if (s.readDeviceDocument) return fromDocument(await s.readDeviceDocument(), "device");
  return fromDocument(minimalDocument(s.did, s.publicKey), "generated");
}

function fromDocument(document: DidDocument, origin: DocumentChoice["origin"]): DocumentChoice {
  return { uri: dataUriForDocument(document), hash: documentHash(document), document, origin };
}

export function minimalDocument(did: string, publicKey: Hex | undefined): DidDocument {
  const keyId = `${did}#Key-secp256k1-1`;
  // Parsed rather than cast: the document we record must pass the same schema as any other.
  return parseDidDocument({
    "@context": ["https://www.w3.org/ns/did/v1"],
    id: did,
    ...(publicKey
      ? {
          authentication: [keyId],
          verificationMethod: [
            { id: keyId, type: "JsonWebKey2020", controller: did, publicKeyJwk: jwkFromSecp256k1PublicKey(publicKey, "Key-secp256k1-1") },
          ],
        }
      : {}),
  });
}
