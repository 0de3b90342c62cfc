import { isAddressEqual, type Address } from "viem";
import type { Resolve } from "../../did/http";
import { text } from "../../i18n/text";
import { InboxError } from "../inbox/errors";
import type { InboxStore, StoredMessage } from "../inbox/store";

/**
 * The inbox of a device for whoever owns its ioID right now: ownership is read on chain at every
 * call (through the resolver, which reads the registry at the current head), so after a transfer
 * or take-over the messages follow the new owner and the old one is refused.
 */
export async function ownerMessages(
  args: { did: string; chainId: number | undefined; signedIn: Address | null; limit: number },
  deps: { resolve: Resolve; store: InboxStore },
): Promise<{ did: string; owner: Address; messages: StoredMessage[] }> {
  if (!args.signedIn) throw new InboxError("unauthorized", text("Inbox.server.signInFirst"));
  const result = await deps.resolve(args.did, { chainId: args.chainId });
  const owner = result.didDocumentMetadata.ioID?.owner;
  if (!result.didDocument || !owner) {
    throw new InboxError("not-registered", result.didResolutionMetadata.errorMessage ?? text("Inbox.server.noIoid", { did: args.did.slice(0, 80) }));
  }
  if (!isAddressEqual(owner, args.signedIn)) {
    throw new InboxError("forbidden", text("Inbox.server.notOwner", { owner, signedIn: args.signedIn }));
  }
  return { did: result.didDocument.id, owner, messages: await deps.store.listMessages(result.didDocument.id, args.limit) };
}
