import { hexToBytes } from "@noble/hashes/utils";
import type { DidcommCrypto } from "../../didcomm/cryptoPort";
import { DidcommError } from "../../didcomm/errors";
import { verifyJwsWith, type SignatureCheck } from "../../didcomm/jws";
import { verifySignedMessageWith } from "../../didcomm/didcommSigned";
import { InboxError } from "./errors";
import type { TokenRecord } from "./store";

const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/**
 * What a device sent, as stored: UTF-8 text without NUL (a C reader would stop there), and when it
 * is a JWS or DIDComm signed message, its payload once the device's own key has verified it.
 */
export async function readDeviceMessage(
  plaintext: Uint8Array,
  token: TokenRecord,
  maxBytes: number,
  crypto: DidcommCrypto,
): Promise<{ body: string; signed: boolean }> {
  if (plaintext.length > maxBytes) throw new InboxError("too-large", `The message is ${plaintext.length} bytes; this inbox keeps at most ${maxBytes}.`);
  if (plaintext.includes(0)) throw new InboxError("bad-request", "The message contains a NUL byte; ioConnect devices would read only the text before it.");
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(plaintext);
  } catch {
    throw new InboxError("bad-request", "The message is not UTF-8 text.");
  }
  const trimmed = text.trim();
  const didcommSigned = trimmed.startsWith("{") && /"signatures"\s*:/.test(trimmed) && /"payload"\s*:/.test(trimmed);
  if (!didcommSigned && !COMPACT_JWS.test(trimmed)) return { body: text, signed: false };
  if (!token.signPublic) throw new InboxError("bad-signature", "The message is signed, but the device's DID Document gives no signing key to check it with.");
  try {
    const signPublic = hexToBytes(token.signPublic);
    const check: SignatureCheck = (message, signature) => crypto.verify("secp256k1", message, signature, signPublic);
    const verified = await (didcommSigned ? verifySignedMessageWith(trimmed, check) : verifyJwsWith(trimmed, check));
    return { body: new TextDecoder("utf-8", { fatal: true }).decode(verified.payload), signed: true };
  } catch (e) {
    if (e instanceof DidcommError || e instanceof TypeError) throw new InboxError("bad-signature", `The message is signed, but not by ${token.deviceDid}: ${(e as Error).message}`);
    throw e;
  }
}
