import { InboxError } from "@/lib/server/inbox/errors";
import { errorResponse, jweResponse, readBoundedText } from "@/lib/server/http";
import { serverRuntime } from "@/lib/server/runtime";

// Token request, as ioConnect's Sprout client sends it: {"clientID": "<device DID>"} (docs/inbox.md).
export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function POST(request: Request) {
  try {
    const { inbox } = await serverRuntime();
    const text = await readBoundedText(request, 1024);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new InboxError("bad-request", 'The token request must be JSON: {"clientID": "<device DID>"}.');
    }
    return jweResponse(await inbox.requestToken(body));
  } catch (error) {
    return errorResponse(error);
  }
}
