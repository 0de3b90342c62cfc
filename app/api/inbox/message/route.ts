import { LIMITS } from "@/lib/didcomm/limits";
import { errorResponse, jweResponse, readBoundedText } from "@/lib/server/http";
import { serverRuntime } from "@/lib/server/runtime";

// A device's message: a JWE to the inbox's key-agreement key, with `Authorization: Bearer <token>` (docs/inbox.md).
export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function POST(request: Request) {
  try {
    const { inbox } = await serverRuntime();
    const jwe = await readBoundedText(request, LIMITS.maxJweChars);
    return jweResponse(await inbox.receiveMessage(request.headers.get("authorization"), jwe));
  } catch (error) {
    return errorResponse(error);
  }
}
