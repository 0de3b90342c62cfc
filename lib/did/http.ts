import { clientOf, type RateLimiter } from "../server/rateLimit";
import type { ResolveOptions } from "./resolve";
import type { DidResolutionResult, ResolutionError } from "./resolutionResult";

// The Universal Resolver driver interface over web-standard Request/Response: GET /1.0/identifiers/{did}.
// Kept free of Next so the route, the bench's plain node:http server and tests all run this same code.

export const DID_RESOLUTION_MEDIA_TYPE = "application/did-resolution";

/** W3C DID Resolution HTTP binding; the document errors are ours (the upstream host gave no usable document). */
const statusByError: Record<ResolutionError, number> = {
  invalidDid: 400,
  invalidOptions: 400,
  notFound: 404,
  methodNotSupported: 501,
  internalError: 500,
  documentUnavailable: 502,
  invalidDidDocument: 502,
  documentHashMismatch: 502,
};

export function httpStatusFor(result: DidResolutionResult): number {
  const error = result.didResolutionMetadata.error;
  if (error) return statusByError[error] ?? 500;
  return result.didDocumentMetadata.deactivated ? 410 : 200;
}

export type Resolve = (did: string, options: ResolveOptions) => Promise<DidResolutionResult>;

const baseHeaders = {
  "Access-Control-Allow-Origin": "*",
  // A browser client on another origin may read how long to wait.
  "Access-Control-Expose-Headers": "Retry-After",
  // Results follow the chain; intermediaries must not keep them (our own cache is keyed by the on-chain hash).
  "Cache-Control": "no-store",
  "X-Content-Type-Options": "nosniff",
} as const;

/** `did` is the path segment as the router decoded it. `limiter`: per-client rate limit, checked before any work. */
export async function handleResolveRequest(request: Request, did: string, resolve: Resolve, limiter?: RateLimiter): Promise<Response> {
  const decision = limiter?.take(clientOf(request.headers));
  if (decision && !decision.ok) {
    const body = { error: "rateLimited", errorMessage: `Too many resolutions from this client; try again in ${decision.retryAfterSeconds} s.` };
    return new Response(JSON.stringify(body), { status: 429, headers: { ...baseHeaders, "Content-Type": "application/json", "Retry-After": String(decision.retryAfterSeconds) } });
  }
  const url = new URL(request.url);
  const chainId = url.searchParams.get("chainId") ?? url.searchParams.get("chain") ?? undefined;
  const includeRaw = url.searchParams.get("raw") === "1";
  const result = await resolve(safeDecode(did), { chainId, includeRaw, signal: request.signal });
  const status = httpStatusFor(result);
  // A client asking for the document alone gets it (or the error status with an empty body).
  const accept = request.headers.get("accept") ?? "";
  if (/application\/did\+(ld\+)?json/.test(accept) && !accept.includes(DID_RESOLUTION_MEDIA_TYPE)) {
    if (status === 200 && result.didDocument) {
      return new Response(JSON.stringify(result.didDocument), { status, headers: { ...baseHeaders, "Content-Type": "application/did+ld+json" } });
    }
    return new Response(null, { status: status === 200 ? 404 : status, headers: baseHeaders });
  }
  return new Response(JSON.stringify(result), { status, headers: { ...baseHeaders, "Content-Type": DID_RESOLUTION_MEDIA_TYPE } });
}

function safeDecode(segment: string): string {
  if (!segment.includes("%")) return segment;
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
