import type { DidDocument } from "./didDocument";
import type { HashCheck } from "./hashCheck";
import type { DocumentRetrieval, ResolutionError } from "./resolutionResult";

// What resolution keeps of one document between requests (retrieve.ts): the document read and checked, or the
// failure to fetch it.

export interface CachedDocument {
  retrieval: Omit<DocumentRetrieval, "raw">;
  raw: string;
  document: DidDocument | undefined;
  documentError: { error: ResolutionError; message: string } | undefined;
  hashCheck: HashCheck;
}

export type FetchFailure = { code: string; message: string };

export type RecentOutcome = { expiresAt: number } & ({ doc: CachedDocument } | { fetchError: FetchFailure });
