import type { LruCache } from "./cache";
import type { CachedDocument, RecentOutcome } from "./cachedDocument";
import type { DocumentFetcher } from "./documentFetch";
import type { ResolverChain } from "./resolverChains";

/** What resolveDidIo works with: the chains it reads, the document fetcher and the caches. */
export interface ResolverDeps {
  chains: readonly ResolverChain[];
  /** Used when the caller names no chain. */
  defaultChainId: number;
  fetchDocument: DocumentFetcher;
  /** Hash-verified documents (retrieve.ts). */
  cache?: LruCache<CachedDocument> | undefined;
  /** Every other outcome, for unverifiedTtlMs (default UNVERIFIED_TTL_MS). */
  recent?: LruCache<RecentOutcome> | undefined;
  unverifiedTtlMs?: number;
  now?: () => number;
}
