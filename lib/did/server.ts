// Server side of did:io resolution (Node only: the route handler and the bench import it, the browser never
// does). It adds what a browser cannot do: resolve host names itself and connect to exactly the address it
// checked, so a name that answers "public" to the check and "127.0.0.1" to the connection gets nowhere.
import { lookup as dnsLookup } from "node:dns";
import { promises as dns } from "node:dns";
import http from "node:http";
import https from "node:https";
import type { LookupAddress } from "node:dns";
import { Readable } from "node:stream";
import { readResolverRpcUrls } from "../chain/chainEnv";
import { chainConfigs, defaultChainConfig, type ChainConfig } from "../chain/config";
import { createLruCache } from "./cache";
import { createDocumentFetcher, type DocumentFetcher, type DocumentFetcherOptions, type GuardedFetchFn, type LookupFn } from "./documentFetch";
import type { Resolve } from "./http";
import { createRateLimiter, resolverRateLimitFromEnv, type RateLimiter } from "../server/rateLimit";
import type { CachedDocument, RecentOutcome } from "./cachedDocument";
import { createHostGate } from "./hostGate";
import { resolveDidIo } from "./resolve";
import { resolverChains, type ResolverChain } from "./resolverChains";
import type { ResolverDeps } from "./resolverDeps";

export const nodeLookup: LookupFn = async (hostname) =>
  (await dns.lookup(hostname, { all: true, verbatim: true })).map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));

const NULL_BODY_STATUS = new Set([101, 204, 205, 304]);

/** One GET over node:http(s), connecting to `address` when given (TLS still verifies the certificate for the name). */
export const pinnedFetch: GuardedFetchFn = (url, { signal, address }) =>
  new Promise((resolve, reject) => {
    const client = url.protocol === "http:" ? http : https;
    const pinned = address
      ? (_host: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
          if (options.all) callback(null, [{ address: address.address, family: address.family } satisfies LookupAddress]);
          else callback(null, address.address, address.family);
        }
      : undefined;
    const request = client.request(
      url,
      {
        method: "GET",
        signal,
        agent: false,
        headers: { accept: "application/did+json, application/did+ld+json, application/json;q=0.9, */*;q=0.1", "user-agent": "ioid-did-resolver" },
        ...(pinned ? { lookup: pinned as unknown as typeof dnsLookup } : {}),
      },
      (response) => {
        const headers = new Headers();
        for (const [name, value] of Object.entries(response.headers)) {
          if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
        }
        const status = response.statusCode ?? 502;
        const body = NULL_BODY_STATUS.has(status) ? null : (Readable.toWeb(response) as ReadableStream<Uint8Array>);
        if (!body) response.resume();
        resolve(new Response(body, { status, headers }));
      },
    );
    request.on("error", reject);
    request.end();
  });

const rpcAgents = { "http:": new http.Agent({ keepAlive: true, maxSockets: 32 }), "https:": new https.Agent({ keepAlive: true, maxSockets: 32 }) };

/**
 * JSON-RPC POSTs over node:http(s) on kept-alive connections. The resolver talks to its node on every request;
 * inside Next, the framework's instrumented global fetch costs more than the call it carries.
 */
export const rpcFetch = (input: string | URL | Request, init: RequestInit = {}): Promise<Response> =>
  new Promise((resolve, reject) => {
    const url = new URL(input instanceof Request ? input.url : input);
    const client = url.protocol === "https:" ? https : http;
    const request = client.request(
      url,
      { method: init.method ?? "POST", headers: Object.fromEntries(new Headers(init.headers)), agent: rpcAgents[url.protocol === "https:" ? "https:" : "http:"], signal: init.signal ?? undefined },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => resolve(new Response(Buffer.concat(chunks), { status: response.statusCode ?? 502, headers: { "content-type": response.headers["content-type"] ?? "application/json" } })));
        response.on("error", reject);
      },
    );
    request.on("error", reject);
    request.end(typeof init.body === "string" ? init.body : undefined);
  });

/** Resolver chains for these configs over rpcFetch. */
export function serverResolverChains(configs: readonly ChainConfig[]): ResolverChain[] {
  return resolverChains(configs, { fetchFn: rpcFetch });
}

/**
 * The SSRF-safe fetcher: DNS checked for every hop, connections pinned, gateway from DID_IPFS_GATEWAY, and one
 * request at a time per host with a cool-down after the host fails (hostGate.ts).
 */
export function createServerDocumentFetcher(options: DocumentFetcherOptions = {}): DocumentFetcher {
  return createDocumentFetcher({ fetch: pinnedFetch, lookup: nodeLookup, ipfsGateway: process.env.DID_IPFS_GATEWAY || undefined, hostGate: createHostGate(), ...options });
}

/** The chains, each read through the resolver's own node where DID_RESOLVER_RPC_<chainId> names one. */
export function withResolverRpc(configs: readonly ChainConfig[], env: Record<string, string | undefined> = process.env): ChainConfig[] {
  const urls: Partial<Record<number, string>> = readResolverRpcUrls(env);
  return configs.map((config) => {
    const rpcUrl = urls[config.chain.id];
    return rpcUrl ? { ...config, rpcUrl } : config;
  });
}

/** Resolver dependencies for this deployment's chains, with the server fetcher and a bounded document cache. */
export function createServerResolverDeps(overrides: Partial<ResolverDeps> = {}): ResolverDeps {
  return {
    chains: serverResolverChains(withResolverRpc(chainConfigs)),
    defaultChainId: defaultChainConfig.chain.id,
    fetchDocument: createServerDocumentFetcher(),
    cache: createLruCache<CachedDocument>(),
    recent: createLruCache<RecentOutcome>({ maxEntries: 10_000, maxBytes: 16 * 1024 * 1024 }),
    ...overrides,
  };
}

let limiter: RateLimiter | undefined | null = null;

/** The route's per-client limit, from DID_RESOLVER_RATE_LIMIT (undefined when set to 0). */
export function serverRateLimiter(): RateLimiter | undefined {
  if (limiter === null) {
    const perMinute = resolverRateLimitFromEnv();
    limiter = perMinute > 0 ? createRateLimiter({ perMinute }) : undefined;
  }
  return limiter;
}

let shared: Resolve | undefined;

/** One resolver per server process, so the cache and the coalescing of chain reads span requests. */
export function serverResolve(): Resolve {
  if (!shared) {
    const deps = createServerResolverDeps();
    shared = (did, options) => resolveDidIo(did, deps, options);
  }
  return shared;
}
