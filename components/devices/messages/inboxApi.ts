import { z } from "zod";

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

/** A refusal from the inbox, worded by the server for the owner. */
export class InboxRequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function call<T>(schema: z.ZodType<T>, url: string, init?: RequestInit): Promise<T> {
  const response = await fetch(url, { ...init, credentials: "same-origin", cache: "no-store" });
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const message = (body as { message?: unknown } | null)?.message;
    throw new InboxRequestError(response.status, typeof message === "string" ? message : `The inbox answered ${response.status}.`);
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new InboxRequestError(502, "The inbox sent an answer this page does not understand.");
  return parsed.data;
}

export const fetchSession = () => call(sessionSchema, "/api/inbox/session");

export const postSignIn = (message: string, signature: string) =>
  call(z.object({ address }), "/api/inbox/session", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ message, signature }) });

export const signOut = () => call(z.object({ address: z.null() }), "/api/inbox/session", { method: "DELETE" });

export const fetchMessages = (did: string, chainId: number) =>
  call(messagesSchema, `/api/inbox/messages?did=${encodeURIComponent(did)}&chain=${chainId}`);
