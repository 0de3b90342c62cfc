import { documentCacheKey, type DocumentCacheKey } from "./cache";
import { DocumentFetchError } from "./documentFetchError";
import { hashVerified } from "./hashCheck";
import { interpretDocument } from "./interpretDocument";
import type { HashContext } from "./nonDocumentHash";
import type { CachedDocument, FetchFailure } from "./cachedDocument";
import type { ResolverDeps } from "./resolverDeps";

// One document, from the caches or from its URI. A hash-verified document is kept as long as the LRU keeps it
// (its key pins the content). Every other outcome — a failed fetch, bytes that are no DID Document, a hash that
// does not match — is kept for a short while too: without that, each resolution of a broken record would fetch
// again, and anyone could aim the resolver at a host of their choosing by resolving it in a loop.

/** How long an outcome that is not hash-verified is reused. */
export const UNVERIFIED_TTL_MS = 60_000;

export type Retrieved = { cached: boolean } & ({ doc: CachedDocument } | { fetchError: FetchFailure });

export async function retrieveDocument(
  deps: ResolverDeps,
  key: DocumentCacheKey & { did: string },
  context: HashContext,
  signal: AbortSignal | undefined,
): Promise<Retrieved> {
  const cacheKey = documentCacheKey(key);
  const verified = deps.cache?.get(cacheKey);
  if (verified) return { cached: true, doc: verified };
  const now = deps.now?.() ?? Date.now();
  const recent = deps.recent?.get(cacheKey);
  if (recent && recent.expiresAt > now) return { cached: true, ...("doc" in recent ? { doc: recent.doc } : { fetchError: recent.fetchError }) };

  const expiresAt = now + (deps.unverifiedTtlMs ?? UNVERIFIED_TTL_MS);
  let doc: CachedDocument;
  try {
    doc = interpretDocument(key.documentUri, await deps.fetchDocument(key.documentUri, signal), key.documentHash, key.did, context);
  } catch (error) {
    const fetchError = error instanceof DocumentFetchError ? { code: error.code, message: error.message } : { code: "internal", message: error instanceof Error ? error.message.split("\n")[0]! : String(error) };
    // A caller that went away learnt nothing about the document; a cooling host is the host gate's to remember.
    if (!signal?.aborted && fetchError.code !== "host-unavailable") deps.recent?.set(cacheKey, { expiresAt, fetchError }, fetchError.message.length + 64);
    return { cached: false, fetchError };
  }
  if (hashVerified(doc.hashCheck)) deps.cache?.set(cacheKey, doc, doc.raw.length * 3);
  else deps.recent?.set(cacheKey, { expiresAt, doc }, doc.raw.length * 3);
  return { cached: false, doc };
}
