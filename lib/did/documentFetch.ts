import { base64 } from "@scure/base";
import { DocumentFetchError } from "./documentFetchError";
import type { HostGate } from "./hostGate";
import { blockedAddressReason, ipLiteral, isLocalName, parseIPv4, parseIPv6 } from "./netGuard";

// Fetches the DID Document a registry record points at. Only three kinds of URI are followed: `data:` (decoded
// here), `ipfs://` (through the configured gateway) and `https://` to public addresses. Every hop of a redirect
// is checked again, bodies are capped while streaming and the whole fetch has one deadline, so a hostile
// document host can neither reach inside our network nor hold a worker.

export const MAX_DOCUMENT_BYTES = 64 * 1024;
export const DOCUMENT_FETCH_TIMEOUT_MS = 5_000;
export const MAX_DOCUMENT_REDIRECTS = 3;
export const DEFAULT_IPFS_GATEWAY = "https://ipfs.io/ipfs/";

/** Failures that say something about the host rather than the one document: they cool the host down. */
function isHostFailure(error: unknown): error is DocumentFetchError {
  if (!(error instanceof DocumentFetchError)) return false;
  if (error.code === "http-status") return error.status !== 404 && error.status !== 410;
  return error.code === "timeout" || error.code === "network" || error.code === "too-large" || error.code === "too-many-redirects";
}

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a host name to every address it has (node:dns `lookup(host, { all: true })` on the server). */
export type LookupFn = (hostname: string) => Promise<ResolvedAddress[]>;

/**
 * One HTTP GET that never follows redirects. `address`, when given, is the checked address the connection
 * must go to: a fetch that resolves the name again could be sent elsewhere (DNS rebinding).
 */
export type GuardedFetchFn = (url: URL, init: { signal: AbortSignal; address: ResolvedAddress | undefined }) => Promise<Response>;

export interface DocumentFetcherOptions {
  /** Base URL the CID is appended to; operator configuration, so its own host is trusted. */
  ipfsGateway?: string;
  fetch?: GuardedFetchFn;
  /** With a lookup, every host name is resolved and all its addresses must be public. */
  lookup?: LookupFn;
  /** Per-host concurrency cap and cool-down after failures (hostGate.ts); the IPFS gateway is not gated. */
  hostGate?: HostGate;
  maxBytes?: number;
  timeoutMs?: number;
  maxRedirects?: number;
}

export interface FetchedDocument {
  bytes: Uint8Array;
  via: "data" | "ipfs" | "https";
  /** The URL the bytes came from (after redirects); for data: URIs, "data:". */
  finalUrl: string;
  contentType: string | undefined;
  redirects: string[];
}

export type DocumentFetcher = (uri: string, signal?: AbortSignal) => Promise<FetchedDocument>;

const browserFetch: GuardedFetchFn = (url, { signal }) => globalThis.fetch(url, { signal, redirect: "manual", credentials: "omit", headers: { accept: "application/did+json, application/json;q=0.9, */*;q=0.1" } });

export function createDocumentFetcher(options: DocumentFetcherOptions = {}): DocumentFetcher {
  const maxBytes = options.maxBytes ?? MAX_DOCUMENT_BYTES;
  const timeoutMs = options.timeoutMs ?? DOCUMENT_FETCH_TIMEOUT_MS;
  const maxRedirects = options.maxRedirects ?? MAX_DOCUMENT_REDIRECTS;
  const gateway = parseGateway(options.ipfsGateway ?? DEFAULT_IPFS_GATEWAY);
  const doFetch = options.fetch ?? browserFetch;

  async function checkHost(url: URL): Promise<ResolvedAddress | undefined> {
    // The operator's gateway is trusted for IPFS paths only: the rest of its origin (an admin API, a node's
    // RPC on the same host) is checked like any other URL.
    if (url.href.startsWith(gateway.href)) return undefined;
    const literal = ipLiteral(url.hostname);
    if (literal) {
      const reason = blockedAddressReason(literal);
      if (reason) throw new DocumentFetchError("address-refused", `${url.hostname} is a ${reason} address; documents are fetched from public addresses only.`, url.href);
      return { address: url.hostname.replace(/^\[|\]$/g, ""), family: literal.family };
    }
    if (isLocalName(url.hostname)) {
      throw new DocumentFetchError("address-refused", `"${url.hostname}" names a local host; documents are fetched from public addresses only.`, url.href);
    }
    if (!options.lookup) return undefined;
    let addresses: ResolvedAddress[];
    try {
      addresses = await options.lookup(url.hostname);
    } catch (cause) {
      throw new DocumentFetchError("dns-failed", `${url.hostname} does not resolve (${cause instanceof Error ? cause.message : String(cause)}).`, url.href);
    }
    if (addresses.length === 0) throw new DocumentFetchError("dns-failed", `${url.hostname} has no addresses.`, url.href);
    // Every address must pass: the connection may use any of them.
    for (const a of addresses) {
      const bytes = a.family === 4 ? parseIPv4(a.address) : parseIPv6(a.address);
      const reason = bytes ? blockedAddressReason({ family: a.family, bytes }) : "unparseable";
      if (reason) {
        throw new DocumentFetchError("address-refused", `${url.hostname} resolves to ${a.address}, a ${reason} address; documents are fetched from public addresses only.`, url.href);
      }
    }
    return addresses[0];
  }

  return async function fetchDocument(uri, outerSignal) {
    const text = typeof uri === "string" ? uri.trim() : "";
    if (/^data:/i.test(text)) return { bytes: decodeDataUri(text, maxBytes), via: "data", finalUrl: "data:", contentType: dataUriMediaType(text), redirects: [] };

    let url: URL;
    let via: "ipfs" | "https";
    if (/^ipfs:/i.test(text)) {
      url = ipfsToGateway(text, gateway);
      via = "ipfs";
    } else {
      url = parseHttpsUrl(text);
      via = "https";
    }

    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new DocumentFetchError("timeout", `The document did not arrive within ${timeoutMs / 1000} s.`, url.href)), timeoutMs);
    const onOuterAbort = () => controller.abort(outerSignal?.reason);
    outerSignal?.addEventListener("abort", onOuterAbort, { once: true });
    const redirects: string[] = [];
    try {
      for (;;) {
        const gate = url.href.startsWith(gateway.href) ? undefined : options.hostGate;
        const release = await gate?.enter(url.host, controller.signal);
        try {
          const address = await checkHost(url);
          let response: Response;
          try {
            response = await doFetch(url, { signal: controller.signal, address });
          } catch (cause) {
            throw fetchFailure(controller.signal, cause, url);
          }
          if (response.status >= 300 && response.status < 400 && response.headers.has("location")) {
            await response.body?.cancel().catch(() => undefined);
            if (redirects.length >= maxRedirects) throw new DocumentFetchError("too-many-redirects", `More than ${maxRedirects} redirects.`, url.href);
            const next = resolveRedirect(response.headers.get("location")!, url);
            redirects.push(next.href);
            url = next;
            continue;
          }
          if (!response.ok) {
            await response.body?.cancel().catch(() => undefined);
            throw new DocumentFetchError("http-status", `${url.host} answered HTTP ${response.status}.`, url.href, response.status);
          }
          const bytes = await readCapped(response, maxBytes, url, controller.signal);
          return { bytes, via, finalUrl: url.href, contentType: response.headers.get("content-type") ?? undefined, redirects };
        } catch (error) {
          // A caller that went away says nothing about the host.
          if (gate && !outerSignal?.aborted && isHostFailure(error)) gate.fail(url.host, error.message);
          throw error;
        } finally {
          release?.();
        }
      }
    } finally {
      clearTimeout(timer);
      outerSignal?.removeEventListener("abort", onOuterAbort);
    }
  };
}

function fetchFailure(signal: AbortSignal, cause: unknown, url: URL): DocumentFetchError {
  if (signal.aborted && signal.reason instanceof DocumentFetchError) return signal.reason;
  if (cause instanceof DocumentFetchError) return cause;
  return new DocumentFetchError("network", `Could not fetch ${url.host}: ${cause instanceof Error ? cause.message : String(cause)}.`, url.href);
}

function parseHttpsUrl(text: string, base?: URL): URL {
  let url: URL;
  try {
    url = base ? new URL(text, base) : new URL(text);
  } catch {
    throw new DocumentFetchError("uri-invalid", `"${text.slice(0, 80)}" is not a URL.`);
  }
  if (url.protocol !== "https:") {
    throw new DocumentFetchError("scheme-refused", `${url.protocol} URIs are not fetched; a DID Document must be at a data:, ipfs:// or https:// URI.`, url.href.slice(0, 200));
  }
  if (url.username || url.password) throw new DocumentFetchError("uri-invalid", "Document URLs with credentials are refused.", url.origin);
  return url;
}

function resolveRedirect(location: string, from: URL): URL {
  // A redirect may only go to another https:// URL; it is checked like the first hop.
  return parseHttpsUrl(location, from);
}

function parseGateway(gateway: string): URL {
  const url = new URL(gateway);
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new Error(`IPFS gateway must be an http(s) URL, got ${gateway}`);
  if (!url.pathname.endsWith("/")) url.pathname += "/";
  return url;
}

/** `ipfs://<cid>[/path]` (and the legacy `ipfs://ipfs/<cid>`) → `<gateway><cid>[/path]`. */
export function ipfsToGateway(uri: string, gateway: URL | string): URL {
  const base = typeof gateway === "string" ? parseGateway(gateway) : gateway;
  // URI schemes are case-insensitive (RFC 3986 §3.1): IPFS:// is ipfs://.
  const match = /^ipfs:\/\/(?:ipfs\/)?([A-Za-z0-9]{20,100})((?:\/[A-Za-z0-9._~!$&'()*+,;=:@%-]*)*)$/i.exec(uri);
  const path = match?.[2] ?? "";
  // URL parsing would apply "..", also spelt %2e%2e, and climb out of the gateway's /ipfs/ path.
  const climbs = path.split("/").some((segment) => /^(\.|%2e){1,2}$/i.test(segment));
  if (!match || climbs) throw new DocumentFetchError("uri-invalid", `"${uri.slice(0, 80)}" is not an ipfs://<CID>[/path] URI.`);
  return new URL(`${match[1]}${path}`, base);
}

const DATA_URI = /^data:([^,;]*)((?:;[^,;]*)*?)(;base64)?,(.*)$/is;

function dataUriMediaType(uri: string): string | undefined {
  return DATA_URI.exec(uri)?.[1] || undefined;
}

/** RFC 2397 payload bytes; refuses anything that would exceed `maxBytes` before decoding it. */
export function decodeDataUri(uri: string, maxBytes = MAX_DOCUMENT_BYTES): Uint8Array {
  const match = DATA_URI.exec(uri);
  if (!match) throw new DocumentFetchError("uri-invalid", "Malformed data: URI (expected data:[<media type>][;base64],<data>).");
  const [, , , isBase64, payload = ""] = match;
  // Refuse before decoding: base64 gives 3 bytes per 4 characters, percent-encoding at most 3 bytes per character.
  const estimate = isBase64 ? Math.floor((payload.replace(/[\s=]+/g, "").length * 3) / 4) : payload.length;
  if (isBase64 ? estimate > maxBytes : estimate > maxBytes * 3) throw tooLarge(estimate, maxBytes);
  let bytes: Uint8Array;
  try {
    bytes = isBase64 ? base64.decode(payload.replace(/\s+/g, "")) : new TextEncoder().encode(decodeURIComponent(payload));
  } catch {
    throw new DocumentFetchError("uri-invalid", `The data: URI's payload is not valid ${isBase64 ? "base64" : "percent-encoding"}.`);
  }
  if (bytes.length > maxBytes) throw tooLarge(bytes.length, maxBytes);
  return bytes;
}

function tooLarge(size: number | undefined, maxBytes: number, url?: string): DocumentFetchError {
  return new DocumentFetchError("too-large", `The document is ${size === undefined ? "larger than" : `${size} bytes; over`} the ${maxBytes / 1024} KB limit.`, url);
}

async function readCapped(response: Response, maxBytes: number, url: URL, signal: AbortSignal): Promise<Uint8Array> {
  const declared = Number(response.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge(declared, maxBytes, url.href);
  }
  if (!response.body) return new Uint8Array();
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.length;
      if (size > maxBytes) throw tooLarge(undefined, maxBytes, url.href);
      chunks.push(value);
    }
  } catch (cause) {
    await reader.cancel().catch(() => undefined);
    throw cause instanceof DocumentFetchError ? cause : fetchFailure(signal, cause, url);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
