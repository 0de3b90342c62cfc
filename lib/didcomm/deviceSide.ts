import { parseDidDocument } from "../did/didDocument";
import { assertionKeysOf, keyAgreementOf, signingKeyOf } from "./documentKeys";
import { fail } from "./errors";
import { decryptJwe, type JweRecipientKey } from "./jweDecrypt";
import { encryptJwe } from "./jweEncrypt";
import { verifyJws, type JwsKeyOf } from "./jws";

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
  /**
   * The server's signing keys: its tokens and replies are JWS under them, which the C device does not check but
   * we do. A JWS naming a `kid` is checked with that key of the server's DID Document (an authentication or
   * assertionMethod key; the inbox signs ES256 with P-256); one without a kid with the did:io's own secp256k1 key.
   */
  signing: JwsKeyOf;
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
  const identity = { crv: "secp256k1" as const, publicKey: signingKeyOf(doc, doc.id) };
  const named = assertionKeysOf(doc);
  const signing: JwsKeyOf = (kid) => {
    if (kid === undefined) return identity;
    return named.get(kid) ?? fail("signature-invalid", `The server's DID Document has no signing key ${kid.slice(0, 120)}.`);
  };
  return { did: doc.id, keyAgreement: keyAgreementOf(doc), signing };
}
