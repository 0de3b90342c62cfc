import { createPublicClient, http, type Address, type Hex, type HttpTransportConfig } from "viem";
import { createBatchedDeviceReader, createHeadCachedReader, readDocumentURI, type DeviceView } from "../chain/devices";
import { chainConfigs, defaultChainConfig, type ChainConfig } from "../chain/config";
import { parseDid } from "./did";
import { parseDidDocument, type DidDocument } from "./didDocument";
import { isDeviceError } from "../device/errors";
import { createLruCache, documentCacheKey, type LruCache } from "./cache";
import { createDocumentFetcher, DocumentFetchError, MAX_DOCUMENT_BYTES, type DocumentFetcher, type FetchedDocument } from "./documentFetch";
import { checkDocumentHash, describeHashCheck, hashVerified, unverifiable, type HashCheck } from "./hashCheck";

// did:io resolution (W3C DID Resolution): DID → device address → registry record (one eth_call) → document
// (data:/ipfs/https, see documentFetch.ts) → hash check against the on-chain documentHash. The same function
// serves the /1.0/identifiers route, the device page and, through getResolver(), any TypeScript code.

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
  /** The document's hash matches the on-chain documentHash under neither rule. */
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
  /** True when the document came from the cache (its on-chain hash and URI were read fresh). */
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

export interface ResolverChain {
  chainId: number;
  registry: Address;
  /**
   * The device's registry record as of the chain's current head: read again whenever the head has moved
   * (createHeadCachedReader), concurrent reads coalesced (createBatchedDeviceReader). Its documentURI may be
   * left unread ("deferred"): a cache hit never needs it.
   */
  readDevice: (device: Address) => Promise<DeviceView & { blockNumber: bigint }>;
  readDocumentUri: (device: Address) => Promise<string>;
}

export interface CachedDocument {
  retrieval: Omit<DocumentRetrieval, "raw">;
  raw: string;
  document: DidDocument | undefined;
  documentError: { error: ResolutionError; message: string } | undefined;
  hashCheck: HashCheck;
}

export interface ResolverDeps {
  chains: readonly ResolverChain[];
  /** Used when the caller names no chain. */
  defaultChainId: number;
  fetchDocument: DocumentFetcher;
  cache?: LruCache<CachedDocument> | undefined;
}

export interface ResolveOptions {
  /** A configured chain id (number or decimal string); default: deps.defaultChainId. */
  chainId?: number | string | undefined;
  includeRaw?: boolean;
  signal?: AbortSignal;
}

const failure = (error: ResolutionError, errorMessage: string, extra: Partial<DidResolutionMetadata> = {}): DidResolutionResult => ({
  "@context": DID_RESOLUTION_CONTEXT,
  didDocument: null,
  didResolutionMetadata: { error, errorMessage, ...extra },
  didDocumentMetadata: {},
});

/** Checks the identifier alone: the right method and a did:io:0x… id, or the W3C error saying why not. */
export function parseIoDidForResolution(did: unknown): { ok: true; address: Address; did: string } | { ok: false; result: DidResolutionResult } {
  const text = typeof did === "string" ? did.trim() : "";
  const syntax = /^did:([a-z0-9]+):(\S+)$/.exec(text);
  if (!syntax) return { ok: false, result: failure("invalidDid", `"${text.slice(0, 80)}" is not a DID (did:<method>:<id>).`) };
  if (syntax[1] !== "io") return { ok: false, result: failure("methodNotSupported", `This resolver knows did:io only, not did:${syntax[1]}.`) };
  try {
    const parsed = parseDid(text);
    return { ok: true, address: parsed.address, did: parsed.did };
  } catch (error) {
    const message = isDeviceError(error) ? error.message : "Malformed did:io identifier.";
    return { ok: false, result: failure("invalidDid", message) };
  }
}

export async function resolveDidIo(did: string, deps: ResolverDeps, options: ResolveOptions = {}): Promise<DidResolutionResult> {
  const started = Date.now();
  const parsed = parseIoDidForResolution(did);
  if (!parsed.ok) return parsed.result;

  const chainId = options.chainId === undefined || options.chainId === "" ? deps.defaultChainId : Number(options.chainId);
  const chain = deps.chains.find((c) => c.chainId === chainId);
  if (!chain) {
    return failure("invalidOptions", `Chain ${String(options.chainId).slice(0, 20)} is not configured here; use one of ${deps.chains.map((c) => c.chainId).join(", ")}.`);
  }
  const base: DidResolutionMetadata = {
    contentType: DID_DOCUMENT_CONTENT_TYPE,
    did: { didString: parsed.did, method: "io", methodSpecificId: parsed.did.slice("did:io:".length) },
    chainId,
    registry: chain.registry,
  };

  let record: DeviceView & { blockNumber: bigint };
  try {
    record = await chain.readDevice(parsed.address);
  } catch (error) {
    return failure("internalError", `The chain ${chainId} RPC did not answer: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`, base);
  }
  const meta: DidResolutionMetadata = { ...base, blockNumber: record.blockNumber.toString() };
  const finish = (result: Omit<DidResolutionResult, "@context">): DidResolutionResult => {
    result.didResolutionMetadata.retrieved = new Date().toISOString();
    result.didResolutionMetadata.duration = Date.now() - started;
    return { "@context": DID_RESOLUTION_CONTEXT, ...result };
  };

  if (!record.registered) {
    // Nonces only move through register/update/remove: a used nonce without a record means it was removed.
    if (record.nonce > 0n) {
      return finish({ didDocument: null, didResolutionMetadata: meta, didDocumentMetadata: { deactivated: true, versionId: record.nonce.toString() } });
    }
    return finish({ didDocument: null, didResolutionMetadata: { ...meta, error: "notFound", errorMessage: `${parsed.did} has no ioID registration on chain ${chainId}.` }, didDocumentMetadata: {} });
  }

  const documentMetadata = documentMetadataOf(record);
  const onChainHash = record.documentHash!;
  const uriState = record.documentURI;
  if (uriState.state !== "ok" && uriState.state !== "deferred") {
    const why = uriState.state === "over-cap" ? `its documentURI is ${uriState.length} characters, over the ${MAX_DOCUMENT_BYTES / 1024} KB limit` : "its documentURI could not be read";
    return finish({
      didDocument: null,
      didResolutionMetadata: { ...meta, error: "documentUnavailable", errorMessage: `The document was not retrieved: ${why}.`, hashCheck: withWords(unverifiable(onChainHash, why)) },
      didDocumentMetadata: documentMetadata,
    });
  }

  const cacheKey = documentCacheKey({ chainId, registry: chain.registry, device: parsed.address, documentHash: onChainHash });
  let doc = deps.cache?.get(cacheKey);
  const cached = doc !== undefined;
  if (!doc) {
    let uri = uriState.state === "ok" ? uriState.uri : "";
    try {
      if (uriState.state === "deferred") uri = await chain.readDocumentUri(parsed.address);
      doc = interpret(uri, await deps.fetchDocument(uri, options.signal), onChainHash, parsed.did);
    } catch (error) {
      const fetchError = error instanceof DocumentFetchError ? { code: error.code, message: error.message } : { code: "internal", message: error instanceof Error ? error.message.split("\n")[0]! : String(error) };
      return finish({
        didDocument: null,
        didResolutionMetadata: {
          ...meta,
          error: "documentUnavailable",
          errorMessage: `The DID Document could not be retrieved: ${fetchError.message}`,
          document: { uri: uri.slice(0, 200), uriLength: uri.length, fetchError },
          hashCheck: withWords(unverifiable(onChainHash, fetchError.message)),
        },
        didDocumentMetadata: documentMetadata,
      });
    }
    if (hashVerified(doc.hashCheck)) deps.cache?.set(cacheKey, doc, doc.raw.length * 3);
  }

  const document: DocumentRetrieval = { ...doc.retrieval, ...(options.includeRaw ? { raw: doc.raw } : {}) };
  const hashCheck = withWords(doc.hashCheck);
  const problem =
    doc.documentError ??
    (doc.hashCheck.result === "mismatch" ? { error: "documentHashMismatch" as const, message: `${hashCheck.label}: ${hashCheck.message}` } : undefined);
  return finish({
    didDocument: doc.document ?? null,
    didResolutionMetadata: { ...meta, cached, document, hashCheck, ...(problem ? { error: problem.error, errorMessage: problem.message } : {}) },
    didDocumentMetadata: documentMetadata,
  });
}

function withWords(check: HashCheck): HashCheck & { label: string; message: string } {
  const { label, sentence } = describeHashCheck(check);
  return { ...check, label, message: sentence };
}

/** Bytes → JSON → DID Document, each step's failure kept apart from the hash verdict. */
function interpret(uri: string, fetched: FetchedDocument, onChainHash: Hex, did: string): CachedDocument {
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
    return { retrieval, raw: "", document: undefined, documentError: { error: "invalidDidDocument", message: "The document is not UTF-8 text." }, hashCheck: checkDocumentHash(onChainHash, fetched.bytes, undefined) };
  }
  let json: unknown;
  try {
    json = JSON.parse(raw.replace(/^\uFEFF/, ""));
  } catch (error) {
    const message = `The document is not JSON (${error instanceof Error ? error.message : "unparseable"}).`;
    return { retrieval, raw, document: undefined, documentError: { error: "invalidDidDocument", message }, hashCheck: checkDocumentHash(onChainHash, fetched.bytes, undefined) };
  }
  const hashCheck = checkDocumentHash(onChainHash, fetched.bytes, json);
  let document: DidDocument;
  try {
    document = parseDidDocument(json);
  } catch (error) {
    return { retrieval, raw, document: undefined, documentError: { error: "invalidDidDocument", message: error instanceof Error ? error.message : String(error) }, hashCheck };
  }
  const documentError =
    document.id.toLowerCase() === did
      ? undefined
      : { error: "invalidDidDocument" as const, message: `The document describes ${document.id.slice(0, 80)}, not ${did}.` };
  return { retrieval, raw, document, documentError, hashCheck };
}

function documentMetadataOf(v: DeviceView): DidDocumentMetadata {
  return {
    versionId: v.nonce.toString(),
    ...(v.documentHash ? { documentHash: v.documentHash } : {}),
    ioID: {
      tokenId: (v.id ?? 0n).toString(),
      owner: v.owner ?? null,
      wallet: v.wallet ?? null,
      walletBalance: v.walletBalance.toString(),
      project: v.project ? { id: v.project.id.toString(), name: v.project.name } : null,
      deviceNFT: v.deviceNFT ? { contract: v.deviceNFT.contract, tokenId: v.deviceNFT.tokenId?.toString() ?? null } : null,
    },
  };
}

// ---------------------------------------------------------------------------
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

/** Resolver chains for configured chains, each reading through its RPC with coalesced record reads. */
export function resolverChains(configs: readonly ChainConfig[], transport: Pick<HttpTransportConfig, "fetchFn"> = {}): ResolverChain[] {
  return configs.map((config) => {
    const client = createPublicClient({ chain: config.chain, transport: http(config.rpcUrl, { batch: true, retryCount: 1, ...transport }) });
    const registry = config.contracts.ioIDRegistry;
    return {
      chainId: config.chain.id,
      registry,
      readDevice: createHeadCachedReader(client, createBatchedDeviceReader(client, { registry, withUris: false })),
      readDocumentUri: (device) => readDocumentURI(client, registry, device),
    };
  });
}

/**
 * `new Resolver(getResolver())` resolves did:io with the did-resolver package. Pass `fetchDocument` from
 * lib/did/server.ts on a server: the default fetcher cannot check where host names resolve.
 */
export function getResolver(options: GetResolverOptions = {}): { io: DidIoMethodResolver } {
  const deps: ResolverDeps = {
    chains: resolverChains(options.chains ?? chainConfigs),
    defaultChainId: options.defaultChainId ?? (options.chains?.[0] ?? defaultChainConfig).chain.id,
    fetchDocument: options.fetchDocument ?? createDocumentFetcher(),
    cache: options.cache ?? createLruCache<CachedDocument>(),
  };
  return { io: (did, parsed, _resolver, resolveOptions) => resolveDidIo(parsed?.did ?? did, deps, { chainId: resolveOptions?.chainId }) };
}
