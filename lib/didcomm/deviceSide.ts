import { parseDidDocument } from "../did/didDocument";
import { keyAgreementOf, signingKeyOf } from "./documentKeys";
import { decryptJwe, type JweRecipientKey } from "./jweDecrypt";
import { encryptJwe } from "./jweEncrypt";
import { verifyJws, type JwsVerifier } from "./jws";

/**
 * The device's half of the inbox protocol (DIDCOMM.md §5, as ioConnect's Sprout client does it),
 * shared by the virtual device, the tests and the bench so they all speak the same bytes.
 */
export interface DeviceInboxKeys {
  did: string;
  /** The device's key-agreement key: ioConnect decrypts with PSA key 2. */
  keyAgreement: JweRecipientKey;
}

export interface ServerContact {
  did: string;
  keyAgreement: { kid: string; publicKey: Uint8Array };
  /** The server's signing key: its tokens and replies are JWS under it, which the C device does not check but we do. */
  signing: JwsVerifier;
}

export function tokenRequestBody(deviceDid: string): string {
  return JSON.stringify({ clientID: deviceDid });
}

/** The token inside the token reply, checked to be the server's signature. */
export async function openToken(jwe: string, device: DeviceInboxKeys, server: ServerContact): Promise<string> {
  const token = new TextDecoder().decode((await decryptJwe(jwe, device.keyAgreement)).plaintext);
  verifyJws(token, server.signing);
  return token;
}

/** A message as ioConnect encrypts it to Sprout: ECDH-1PU+A256KW header, the device DID as sender. */
export function sealMessage(text: string, device: Pick<DeviceInboxKeys, "did">, server: Pick<ServerContact, "keyAgreement">): Promise<string> {
  return encryptJwe({ plaintext: text, recipients: [server.keyAgreement], sender: device.did });
}

/** A server reply: decrypted, then its signature checked with the server's key; returns the signed JSON. */
export async function openReply(jwe: string, device: DeviceInboxKeys, server: ServerContact): Promise<unknown> {
  const opened = await decryptJwe(jwe, device.keyAgreement);
  const verified = verifyJws(new TextDecoder().decode(opened.plaintext), server.signing);
  return JSON.parse(new TextDecoder().decode(verified.payload));
}

/** What a device needs of the server, read from the server's published DID Document (validated). */
export function serverContactFrom(document: unknown): ServerContact {
  const doc = parseDidDocument(document);
  return { did: doc.id, keyAgreement: keyAgreementOf(doc), signing: { crv: "secp256k1", publicKey: signingKeyOf(doc, doc.id) } };
}
