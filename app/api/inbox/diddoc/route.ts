import { serverRuntime } from "@/lib/server/runtime";
import { errorResponse } from "@/lib/server/http";

// The inbox server's DID Document: devices encrypt to its last keyAgreement key (docs/inbox.md).
export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET() {
  try {
    const { inbox } = await serverRuntime();
    return Response.json(inbox.keys.document, { headers: { "content-type": "application/did+json" } });
  } catch (error) {
    return errorResponse(error);
  }
}
