import { errorResponse } from "@/lib/server/http";
import { readSessionCookie } from "@/lib/server/owner/cookie";
import { ownerMessages } from "@/lib/server/owner/ownerMessages";
import { serverRuntime } from "@/lib/server/runtime";

// A device's inbox, newest first, for the signed-in owner of its ioID (checked on chain at every read).
export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  try {
    const { sessions, store, resolve } = await serverRuntime();
    const params = new URL(request.url).searchParams;
    const chain = params.get("chain");
    const result = await ownerMessages(
      { did: params.get("did") ?? "", chainId: chain && /^\d{1,10}$/.test(chain) ? Number(chain) : undefined, signedIn: await sessions.findSession(readSessionCookie(request)), limit: 50 },
      { resolve, store },
    );
    return Response.json(result, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}
