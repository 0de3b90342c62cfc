import { text } from "@/lib/i18n/text";
import { InboxError } from "@/lib/server/inbox/errors";
import { errorResponse, readBoundedText } from "@/lib/server/http";
import { readSessionCookie, sessionCookie } from "@/lib/server/owner/cookie";
import { signIn } from "@/lib/server/owner/signIn";
import { serverRuntime } from "@/lib/server/runtime";

// Owner sign-in for reading device inboxes: Sign-In with Ethereum (EIP-4361).
export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Who is signed in, and a fresh nonce for signing in. */
export async function GET(request: Request) {
  try {
    const { sessions } = await serverRuntime();
    const address = await sessions.findSession(readSessionCookie(request));
    return Response.json({ address, nonce: await sessions.issueNonce() }, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}

export async function POST(request: Request) {
  try {
    const { sessions, verifySiwe, config } = await serverRuntime();
    let body: unknown;
    try {
      body = JSON.parse(await readBoundedText(request, 4096));
    } catch (e) {
      throw e instanceof InboxError ? e : new InboxError("bad-request", text("Inbox.server.signInNotJson"));
    }
    const domain = config.appHost ?? request.headers.get("host") ?? new URL(request.url).host;
    const address = await signIn(body, { sessions, domain, verify: verifySiwe });
    const session = await sessions.createSession(address);
    return Response.json({ address }, { headers: { "set-cookie": sessionCookie(request, session.id, session.expiresAt) } });
  } catch (error) {
    return errorResponse(error);
  }
}

export async function DELETE(request: Request) {
  try {
    const { sessions } = await serverRuntime();
    await sessions.endSession(readSessionCookie(request));
    return Response.json({ address: null }, { headers: { "set-cookie": sessionCookie(request, "", null) } });
  } catch (error) {
    return errorResponse(error);
  }
}
