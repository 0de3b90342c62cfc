import { NextResponse, type NextRequest } from "next/server";
import { EMBED_ROUTE_HEADER, embedAllowedOrigins, frameAncestorsPolicy } from "@/lib/embed/origins";

// Read once per server start: EMBED_ALLOWED_ORIGINS is a runtime variable of `next start`.
const allowed = embedAllowedOrigins();
if (allowed.invalid.length > 0) {
  console.warn(`EMBED_ALLOWED_ORIGINS: ignoring ${allowed.invalid.join(", ")} (each entry must be an https origin, or http on localhost, with no path)`);
}
const framePolicy = frameAncestorsPolicy(allowed.origins);

/**
 * The embed route (/embed/*) is the only one that may be framed, and only by the allowed hosts: its own
 * `frame-ancestors` here, while next.config.ts denies framing for every other path. It also tells the root
 * layout (through a request header) to render no site chrome around it.
 */
export function proxy(request: NextRequest) {
  const headers = new Headers(request.headers);
  headers.set(EMBED_ROUTE_HEADER, "1");
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", framePolicy);
  return response;
}

export const config = { matcher: "/embed/:path*" };
