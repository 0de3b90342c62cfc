import type { Address, Hex } from "viem";
import { parseSiweMessage, validateSiweMessage } from "viem/siwe";
import { text } from "../../i18n/text";
import { InboxError } from "../inbox/errors";
import type { SessionStore } from "./sessions";

export interface SignInRequest {
  message: string;
  signature: Hex;
}

export interface SignInDeps {
  sessions: SessionStore;
  /** This server's host (the SIWE `domain` must name it, or the message was made for another site). */
  domain: string;
  /** ERC-1271/6492-aware check on the message's chain (viem's verifySiweMessage); undefined for an unknown chain. */
  verify: (chainId: number, args: { message: string; signature: Hex }) => Promise<boolean> | undefined;
  now?: () => Date;
}

/** Sign-In with Ethereum (EIP-4361): checks the message was made for us, now, with our nonce, and signed by its address. */
export async function signIn(request: unknown, deps: SignInDeps): Promise<Address> {
  const { message, signature } = (request ?? {}) as Partial<SignInRequest>;
  if (typeof message !== "string" || message.length > 2000 || typeof signature !== "string" || !/^0x[0-9a-fA-F]{130,}$/.test(signature)) {
    throw new InboxError("bad-request", text("Inbox.server.signInIncomplete"));
  }
  const fields = parseSiweMessage(message);
  const now = deps.now?.() ?? new Date();
  if (!fields.address || !fields.nonce || !fields.chainId) throw new InboxError("bad-request", text("Inbox.server.notSiwe"));
  if (!validateSiweMessage({ message: fields, domain: deps.domain, time: now })) {
    throw new InboxError("unauthorized", fields.domain ? text("Inbox.server.madeFor", { domain: fields.domain }) : text("Inbox.server.madeForAnother"));
  }
  const verified = deps.verify(fields.chainId, { message, signature: signature as Hex });
  if (!verified) throw new InboxError("bad-request", text("Inbox.server.chainNotServed", { chain: String(fields.chainId) }));
  if (!(await verified)) throw new InboxError("unauthorized", text("Inbox.server.signatureMismatch"));
  // Spent only after the signature checks, so a forged attempt cannot burn someone's nonce.
  if (!(await deps.sessions.consumeNonce(fields.nonce, now))) throw new InboxError("unauthorized", text("Inbox.server.nonceSpent"));
  return fields.address;
}
