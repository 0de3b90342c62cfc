import { InboxError } from "./inbox/errors";

export const JWE_CONTENT_TYPE = "application/didcomm-encrypted+json";

/** The body as text, refused past `maxBytes` without reading further (Content-Length is not trusted). */
export async function readBoundedText(request: Request, maxBytes: number): Promise<string> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw new InboxError("too-large", `The request body is ${declared} bytes; at most ${maxBytes} are accepted.`);
  const reader = request.body?.getReader();
  if (!reader) return "";
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > maxBytes) {
      await reader.cancel();
      throw new InboxError("too-large", `The request body is over ${maxBytes} bytes.`);
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}

/** The refusal as JSON with its status; anything else is logged and answered 500 without details. */
export function errorResponse(error: unknown): Response {
  if (error instanceof InboxError) return Response.json({ error: error.code, message: error.message, ...(error.text ? { text: error.text } : {}) }, { status: error.status });
  console.error("inbox:", error);
  return Response.json({ error: "internal", message: "The inbox failed; try again later." }, { status: 500 });
}

export function jweResponse(jwe: string): Response {
  return new Response(jwe, { headers: { "content-type": JWE_CONTENT_TYPE, "cache-control": "no-store" } });
}
