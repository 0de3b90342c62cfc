import { chainConfigs, defaultChainConfig, type ChainConfig } from "../chain/config";
import { createLruCache, type LruCache } from "./cache";
import type { CachedDocument, RecentOutcome } from "./cachedDocument";
import { createDocumentFetcher, type DocumentFetcher } from "./documentFetch";
import { resolveDidIo } from "./resolve";
import type { DidResolutionResult } from "./resolutionResult";
import { resolverChains } from "./resolverChains";
import type { ResolverDeps } from "./resolverDeps";

// did-resolver (decentralized-identity/did-resolver) method map, without depending on the package: its
// Resolver calls `io(did, parsed, resolver, options)` and returns our result as-is.

export interface ParsedDidLike {
  did: string;
  didUrl?: string;
  method?: string;
  id?: string;
}

export type DidIoMethodResolver = (did: string, parsed: ParsedDidLike, resolver: unknown, options: { accept?: string; chainId?: number | string; [k: string]: unknown }) => Promise<DidResolutionResult>;

export interface GetResolverOptions {
  /** Chains to resolve on; default: the app's configured chains, read over their public RPC. */
  chains?: readonly ChainConfig[];
  defaultChainId?: number;
  fetchDocument?: DocumentFetcher;
  cache?: LruCache<CachedDocument>;
}

/**
 * The default document fetcher: in Node, the server's (every host name resolved and checked, connections pinned
 * to the checked address); in a browser, which cannot see where names resolve, the plain one. lib/did/server.ts
 * is loaded only when first needed, so browser bundles never meet node:dns.
 */
function defaultDocumentFetcher(): DocumentFetcher {
  const inNode = typeof window === "undefined" && typeof process !== "undefined" && Boolean(process.versions?.node);
  if (!inNode) return createDocumentFetcher();
  const server = import("./server").then((m) => m.createServerDocumentFetcher());
  return async (uri, signal) => (await server)(uri, signal);
}

/** `new Resolver(getResolver())` resolves did:io with the did-resolver package. */
export function getResolver(options: GetResolverOptions = {}): { io: DidIoMethodResolver } {
  const deps: ResolverDeps = {
    chains: resolverChains(options.chains ?? chainConfigs),
    defaultChainId: options.defaultChainId ?? (options.chains?.[0] ?? defaultChainConfig).chain.id,
    fetchDocument: options.fetchDocument ?? defaultDocumentFetcher(),
    cache: options.cache ?? createLruCache<CachedDocument>(),
    recent: createLruCache<RecentOutcome>({ maxEntries: 10_000, maxBytes: 16 * 1024 * 1024 }),
  };
  return { io: (did, parsed, _resolver, resolveOptions) => resolveDidIo(parsed?.did ?? did, deps, { chainId: resolveOptions?.chainId }) };
}
