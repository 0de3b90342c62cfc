import { handleResolveRequest } from "@/lib/did/http";
import { serverRateLimiter, serverResolve } from "@/lib/did/server";

// Universal Resolver driver interface for did:io (docs/resolver.md).
export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ did: string }> }) {
  return handleResolveRequest(request, (await params).did, serverResolve(), serverRateLimiter());
}
