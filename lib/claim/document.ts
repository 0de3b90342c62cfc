import type { Hex } from "viem";
import { dataUriForDocument, documentHash, jwkFromSecp256k1PublicKey, parseDidDocument, verifyDidDocumentForDevice, type DidDocument } from "../did/didDocument";
import { createDocumentFetcher, type DocumentFetcher } from "../did/documentFetch";
import { checkDocumentHash, hashVerified } from "../did/hashCheck";
import { text, type Text } from "../i18n/text";
import type { Check } from "./checklist";
import { isDeviceError } from "../untrusted/errors";

/** What `register` records for the device's DID Document, and where it came from (shown to the owner). */
export interface DocumentChoice {
  uri: string;
  hash: Hex;
  document: DidDocument | undefined;
  origin: "payload-uri" | "payload-document" | "device" | "generated";
}

/** The document to record, or the failed check that says why none can be. */
export type DocumentOutcome = { ok: true; choice: DocumentChoice } | { ok: false; check: Check };

export interface DocumentSources {
  did: string;
  publicKey: Hex | undefined;
  document?: DidDocument | undefined;
  docUri?: string | undefined;
  docHash?: Hex | undefined;
  /** Reads the device's own /diddoc when a session is open. */
  readDeviceDocument?: (() => Promise<DidDocument>) | undefined;
  /** Fetches a payload's docUri; the guarded fetcher (data:, ipfs://, public https:// only) unless a test says otherwise. */
  fetchDocument?: DocumentFetcher | undefined;
}

let defaultFetcher: DocumentFetcher | undefined;

/**
 * Picks the document by precedence: a URI+hash the payload names, a document it carries, the device's own,
 * and last a minimal one built from the device key — every claim records a resolvable document.
 * Ours are stored as data: URIs with hash = keccak256(JCS bytes) (docs/claim-payload.md).
 *
 * Whatever its source, the document must be about this DID and publish the device's key: the device's signature
 * covers none of them (a relayed link can swap docUri/docHash, a device can serve another's /diddoc), and the
 * registry records whatever it is given.
 */
export async function chooseDocument(s: DocumentSources): Promise<DocumentOutcome> {
  if (s.docUri !== undefined) return fromPayloadUri(s);
  if (s.document) return describesDevice(s.document, s.did, "payload-document");
  if (s.readDeviceDocument) return describesDevice(await s.readDeviceDocument(), s.did, "device");
  const generated = minimalDocument(s.did, s.publicKey);
  // Built from the DID and its checked key; without a key it names the DID only, and there is nothing to match.
  return s.publicKey ? describesDevice(generated, s.did, "generated") : { ok: true, choice: fromDocument(generated, "generated") };
}

async function fromPayloadUri(s: DocumentSources): Promise<DocumentOutcome> {
  const uri = s.docUri!;
  // Both keys always given: the catalog's select names the link's own document or the address it points at.
  const where = { origin: uri.startsWith("data:") ? "inLink" : "at", uri: uri.length > 80 ? `${uri.slice(0, 77)}…` : uri };
  if (!s.docHash) return refused(text("Checks.document.noHash", where));
  let bytes: Uint8Array;
  try {
    bytes = (await (s.fetchDocument ?? (defaultFetcher ??= createDocumentFetcher()))(uri)).bytes;
  } catch (error) {
    return refused(text("Checks.document.unfetched", { ...where, detail: detailOf(error) }));
  }
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    json = undefined;
  }
  if (!hashVerified(checkDocumentHash(s.docHash, bytes, json))) {
    return refused(text("Checks.document.hashMismatch", where));
  }
  let document: DidDocument;
  try {
    document = parseDidDocument(json ?? bytes);
  } catch (error) {
    return refused(text("Checks.document.notDocument", { ...where, detail: detailOf(error) }));
  }
  const checked = describesDevice(document, s.did, "payload-uri");
  return checked.ok ? { ok: true, choice: { uri, hash: s.docHash, document, origin: "payload-uri" } } : checked;
}

function describesDevice(document: DidDocument, did: string, origin: DocumentChoice["origin"]): DocumentOutcome {
  try {
    verifyDidDocumentForDevice(document, did);
  } catch (error) {
    // A select's cases are plain words: the origin's hyphen would not parse.
    const said = origin === "payload-uri" ? "payloadUri" : origin === "payload-document" ? "payloadDocument" : origin;
    return refused(text("Checks.document.notThisDevice", { origin: said, detail: detailOf(error) }));
  }
  return { ok: true, choice: fromDocument(document, origin) };
}

function refused(reason: Text): DocumentOutcome {
  return { ok: false, check: { id: "document", ok: false, reason } };
}

/** A device error in the owner's words; anything else (a fetch's) as it came, ended as a sentence. */
const detailOf = (error: unknown): Text | string => {
  if (isDeviceError(error)) return error.said;
  const message = error instanceof Error ? error.message : String(error);
  return /[.!?]$/.test(message) ? message : `${message}.`;
};

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
