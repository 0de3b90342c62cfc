/**
 * Which host pages may embed the claim flow: EMBED_ALLOWED_ORIGINS, a comma-separated list of exact origins
 * (`https://onboarding.example.com,https://example.org:8443`). One list governs both doors: the embed route's
 * `Content-Security-Policy: frame-ancestors` and the origins the flow will postMessage to or redirect back to.
 * No wildcards: a host is either named or refused.
 */

const loopbackHosts: ReadonlySet<string> = new Set(["localhost", "127.0.0.1", "[::1]"]);

// A DNS name or a bracketed IPv6 literal: no wildcard or other character URL parsing would let through.
const plainHost = /^([a-z0-9-]+\.)*[a-z0-9-]+$|^\[[0-9a-f:.]+\]$/;

/** The URL when `text` names an origin and nothing more (a trailing `/` at most), else undefined. */
function originUrl(text: string): URL | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  if (url.username || url.password || url.search || url.hash || url.pathname !== "/" || text.endsWith("?") || text.endsWith("#")) return undefined;
  return plainHost.test(url.hostname) ? url : undefined;
}

/**
 * Whether a URL's scheme is acceptable for a host page: https anywhere, plain http only on this machine
 * (local development and the e2e suite); an operator still has to allow-list it.
 */
export function isSecureOrLoopback(url: URL): boolean {
  return url.protocol === "https:" || (url.protocol === "http:" && loopbackHosts.has(url.hostname));
}

export interface AllowedOrigins {
  /** Normalised origins, no duplicates, in the order given. */
  origins: string[];
  /** Entries that are not an https (or loopback http) origin: ignored, and worth a warning at start-up. */
  invalid: string[];
}

export function parseAllowedOrigins(raw: string | undefined): AllowedOrigins {
  const origins: string[] = [];
  const invalid: string[] = [];
  for (const entry of (raw ?? "").split(",").map((s) => s.trim()).filter(Boolean)) {
    const url = originUrl(entry);
    if (!url || !isSecureOrLoopback(url)) invalid.push(entry);
    else if (!origins.includes(url.origin)) origins.push(url.origin);
  }
  return { origins, invalid };
}

/**
 * Whether `candidate` (a MessageEvent origin, an `origin=` parameter) is one of the allowed origins. It must
 * already be an exact origin: `https://a.example/path` or `HTTPS://A.EXAMPLE` are refused, never "fixed".
 */
export function isAllowedOrigin(candidate: string, allowed: readonly string[]): boolean {
  return originUrl(candidate)?.origin === candidate && allowed.includes(candidate);
}

/** The embed route's CSP: only the allowed hosts may frame it; with none, nobody may. */
export function frameAncestorsPolicy(allowed: readonly string[]): string {
  return allowed.length === 0 ? "frame-ancestors 'none'" : `frame-ancestors ${allowed.join(" ")}`;
}

/**
 * EMBED_ALLOWED_ORIGINS as the server sees it: a runtime variable (read by `next start`, not baked into the
 * build), so changing the hosts needs a restart, not a rebuild.
 */
export function embedAllowedOrigins(): AllowedOrigins {
  return parseAllowedOrigins(process.env.EMBED_ALLOWED_ORIGINS);
}

/** Set by proxy.ts on requests for the embed route: the root layout then leaves the site's chrome out. */
export const EMBED_ROUTE_HEADER = "x-ioid-embed";
