import type { Address, PublicClient } from "viem";
import { signDevicePermit } from "../devicePermit";
import { text, untranslated } from "../../i18n/text";
import { toFailure } from "../failure";
import { encodeClaimPayload } from "../input/encode";
import { parseClaimInput } from "../input/parse";
import { isDeviceError } from "../../untrusted/errors";
import { openSession } from "../../device/openSession";
import type { DeviceSession } from "../../device/session";
import type { QueueItem } from "./queueInput";

export interface DeviceSigningContext {
  client: Pick<PublicClient, "readContract">;
  chainId: number;
  registry: Address;
  owner: Address;
}

/**
 * A connected device (Wi-Fi, Bluetooth or USB) → the claim code it would print on a label: its identity, its own
 * DID Document (/diddoc, what the single claim records for a connected device) and its signature for the owner's
 * next nonce. The queue then treats it as any pre-signed code (the same parse, the same checks, the same document
 * choice in document.ts, kept across a reload), so a live link is needed only while the device answers.
 */
export async function signedClaimCode(session: DeviceSession, { client, chainId, registry, owner }: DeviceSigningContext): Promise<string> {
  const identity = await session.identify();
  // Read before signing, once the DID is known: the session refuses a document that does not name this device and
  // publish its key, so such a device is named with its reason and never asked to sign.
  const { document } = await session.diddoc();
  const { signature, nonce } = await signDevicePermit(client, { session, registry, device: identity.address, owner });
  return encodeClaimPayload({ v: 1, did: identity.did, puk: identity.publicKey, doc: document, chainId, registry, owner, nonce, sig: signature.serialized });
}

/**
 * What a device door hands over (a device address, or a live link's identity text with its session) → one queue
 * item: the device's signed claim code, or the reason it could not be had. The session is closed either way: the
 * door is then free for the next device.
 */
export async function deviceQueueItem(raw: string, link: DeviceSession | undefined, signing: DeviceSigningContext | undefined): Promise<QueueItem> {
  let session: DeviceSession | undefined = link;
  let where = text("ClaimQueue.where.device");
  let endpoint: string | undefined;
  try {
    const input = parseClaimInput(raw);
    endpoint = input.endpoint;
    const named = input.endpoint ?? input.did;
    if (named) where = untranslated(named);
    session = openSession({ session: link, endpoint: input.endpoint });
    if (!session) return { where, text: raw, message: text("ClaimQueue.unreachable") };
    if (!signing) return { where, text: raw, message: text("ClaimQueue.connectWallet") };
    return { where, text: await signedClaimCode(session, signing) };
  } catch (error) {
    // The queue names one reason per item (a device's error carries its advice in the sentence). As in the single
    // claim, an https device the browser would not talk to gets the certificate steps.
    const certificateOf = !link && isDeviceError(error, "http-certificate") ? endpoint : undefined;
    return { where, text: raw, message: toFailure(error).message, certificateOf };
  } finally {
    await session?.close();
  }
}
