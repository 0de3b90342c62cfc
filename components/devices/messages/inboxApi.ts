import { z } from "zod";
import { text, type Text, type TextKey } from "@/lib/i18n/text";

// The browser's view of the inbox API (app/api/inbox/*): answers are validated before the UI trusts them.

const address = z.string().regex(/^0x[0-9a-fA-F]{40}$/) as z.ZodType<`0x${string}`>;
const sessionSchema = z.object({ address: address.nullable(), nonce: z.string().min(8) });
const messagesSchema = z.object({
  did: z.string(),
  owner: address,
  messages: z.array(z.object({ id: z.string(), receivedAt: z.string(), body: z.string(), signedByDevice: z.boolean() })),
});

export type InboxSession = z.infer<typeof sessionSchema>;
export type InboxMessages = z.infer<typeof messagesSchema>;

// The server's refusal as a catalog text, so the page says it in its own language; only the inbox's own keys.
const textSchema = z.object({
  key: z.string().regex(/^Inbox\.server\.\w+$/) as unknown as z.ZodType<TextKey>,
  values: z.record(z.string(), z.union([z.string().max(200), z.number()])).optional(),
});

/** A refusal from the inbox, worded by the server for the owner: `text` in the page's language, `message` as sent. */
export class InboxRequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly text: Text | undefined,
  ) {
    super(message);
  }
}

async function call<T>(schema: z.ZodType<T>, url: string, init?: RequestInit): Promise<T> {
  const response = await fetch(url, { ...init, credentials: "same-origin", cache: "no-store" });
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const { message, text: said } = (body ?? {}) as { message?: unknown; text?: unknown };
    const words = textSchema.safeParse(said);
    const fallback = text("Inbox.server.status", { status: response.status });
    throw new InboxRequestError(response.status, typeof message === "string" ? message : `HTTP ${response.status}`, words.success ? words.data : typeof message === "string" ? undefined : fallback);
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new InboxRequestError(502, "unreadable answer", text("Inbox.server.unreadable"));
  return parsed.data;
}

export const fetchSession = () => call(sessionSchema, "/api/inbox/session");

export const postSignIn = (message: string, signature: string) =>
  call(z.object({ address }), "/api/inbox/session", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ message, signature }) });

export const signOut = () => call(z.object({ address: z.null() }), "/api/inbox/session", { method: "DELETE" });

export const fetchMessages = (did: string, chainId: number) =>
  call(messagesSchema, `/api/inbox/messages?did=${encodeURIComponent(did)}&chain=${chainId}`);
