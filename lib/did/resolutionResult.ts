import type { Address, Hex } from "viem";
import type { DidDocument } from "./didDocument";
import type { FetchedDocument } from "./documentFetch";
import type { HashCheck } from "./hashCheck";

// What a did:io resolution answers, in the W3C DID Resolution shape: the route handler serves it as JSON, the
// device page and getResolver() callers read it.

export const DID_RESOLUTION_CONTEXT = "https://w3id.org/did-resolution/v1";
export const DID_DOCUMENT_CONTENT_TYPE = "application/did+ld+json";

export type ResolutionError =
  | "invalidDid"
  | "notFound"
  | "methodNotSupported"
  | "invalidOptions"
  | "internalError"
  /** The documentURI could not be fetched (refused, unreachable, too large, too slow). */
  | "documentUnavailable"
  /** The bytes are not JSON, not a DID Document, or a document about another DID. */
  | "invalidDidDocument"
  /** The document's hash matches the on-chain documentHash under no rule (hashCheck.ts). */
  | "documentHashMismatch";

export interface DocumentRetrieval {
  /** The first 200 characters; data: URIs run to kilobytes. */
  uri: string;
  uriLength: number;
  via?: FetchedDocument["via"];
  finalUrl?: string;
  redirects?: string[];
  contentType?: string;
  bytes?: number;
  /** The document text exactly as retrieved, when asked for (`includeRaw`). */
  raw?: string;
  fetchError?: { code: string; message: string };
}

export interface DidResolutionMetadata {
  contentType?: string;
  error?: ResolutionError;
  errorMessage?: string;
  did?: { didString: string; method: "io"; methodSpecificId: string };
  chainId?: number;
  registry?: Address;
  /** Block the registry record was read at. */
  blockNumber?: string;
  retrieved?: string;
  duration?: number;
  /**
   * True when the outcome came from the cache (the on-chain hash and URI were read fresh): a verified document,
   * or, for up to a minute, a failed fetch or unverified document (retrieve.ts).
   */
  cached?: boolean;
  document?: DocumentRetrieval;
  hashCheck?: HashCheck & { label: string; message: string };
}

export interface DidDocumentMetadata {
  deactivated?: boolean;
  /** ioIDRegistry.nonces(device): it grows with every register, update and remove. */
  versionId?: string;
  documentHash?: Hex;
  ioID?: {
    tokenId: string;
    owner: Address | null;
    wallet: Address | null;
    walletBalance: string;
    project: { id: string; name: string } | null;
    deviceNFT: { contract: Address; tokenId: string | null } | null;
  };
}

export interface DidResolutionResult {
  "@context": string;
  didDocument: DidDocument | null;
  didResolutionMetadata: DidResolutionMetadata;
  didDocumentMetadata: DidDocumentMetadata;
}
