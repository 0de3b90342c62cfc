import { NextResponse, type NextRequest } from "next/server";
import { chainConfigs } from "@/lib/chain/config";
import { EMBED_ROUTE_HEADER, embedAllowedOrigins, frameAncestorsPolicy } from "@/lib/embed/origins";
import { contentSecurityPolicy, createNonce } from "@/lib/server/csp";

// Read once per server start: EMBED_ALLOWED_ORIGINS is a runtime variable of `next start`.
const allowed = embedAllowedOrigins();
if (allowed.invalid.length > 0) {
  console.warn(`EMBED_ALLOWED_ORIGINS: ignoring ${allowed.invalid.join(", ")} (each entry must be an https origin, or http on localhost, with no path)`);
}
const embedFraming = frameAncestorsPolicy(allowed.origins);
const rpcUrls = chainConfigs.map((c) => c.rpcUrl);
const development = process.env.NODE_ENV === "development";

/**
 * Every page gets the app's Content-Security-Policy with a fresh nonce: Next reads it from the request header
 * and puts the nonce on its own scripts (the root layout reads headers, so every page renders per request).
 * The embed route (/embed/*) is the only one that may be framed, and only by the allowed hosts; it also tells
 * the root layout (through a request header) to render no site chrome around it.
 */
export function proxy(request: NextRequest) {
  const embed = request.nextUrl.pathname === "/embed" || request.nextUrl.pathname.startsWith("/embed/");
  const policy = contentSecurityPolicy({ nonce: createNonce(), rpcUrls, frameAncestors: embed ? embedFraming : "frame-ancestors 'none'", development });
  const headers = new Headers(request.headers);
  headers.set("content-security-policy", policy);
  if (embed) headers.set(EMBED_ROUTE_HEADER, "1");
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", policy);
  return response;
}

// Pages only: not the resolver's JSON, Next's static chunks, or the files in public/ (the embed example host page
// is a stand-in for someone else's site and carries its own inline script).
export const config = {
  matcher: [{ source: "/((?!_next/static|_next/image|1\\.0/|favicon\\.ico|.*\\.(?:html|js|mjs|wasm|svg|png|ico|ts|txt|json)$).*)" }],
};
