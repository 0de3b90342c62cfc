import type { DidDocument, VerificationMethod } from "../did/didDocument";
import { verifyDidDocumentForDevice } from "../did/didDocument";
import { fail } from "./errors";
import type { JwsVerifier } from "./jws";
import { jwkToPoint } from "./keys";

/**
 * The keys a DID Document offers for messaging. The key-agreement key is the last P-256 entry of
 * `keyAgreement`, as ioConnect's Sprout client picks the server's (`sprout.c:307-318`).
 */
export function keyAgreementOf(doc: DidDocument): { kid: string; publicKey: Uint8Array } {
  const entries = (doc.keyAgreement ?? []) as (string | VerificationMethod)[];
  for (const entry of [...entries].reverse()) {
    const method = typeof entry === "string" ? findMethod(doc, entry) : entry;
    if (method?.publicKeyJwk?.crv !== "P-256") continue;
    return { kid: absolute(doc.id, method.id), publicKey: jwkToPoint(method.publicKeyJwk, "P-256").point };
  }
  return fail("key-invalid", `The DID Document of ${doc.id} lists no P-256 key-agreement key, so nothing can be encrypted to it.`);
}

/** The secp256k1 key that hashes to the DID's address (checked), for verifying the device's own signatures. */
export function signingKeyOf(doc: DidDocument, did: string): Uint8Array {
  const { verificationMethodId } = verifyDidDocumentForDevice(doc, did);
  const method = findMethod(doc, verificationMethodId);
  if (!method?.publicKeyJwk) fail("key-invalid", `The DID Document of ${did} gives its signing key in a form other than a JWK.`);
  return jwkToPoint(method.publicKeyJwk, "secp256k1").point;
}

/**
 * The EC keys (P-256 or secp256k1 JWKs) the document lists for `authentication` or `assertionMethod`, by full
 * DID URL: the keys its controller signs with. Key-agreement keys are not among them.
 */
export function assertionKeysOf(doc: DidDocument): Map<string, JwsVerifier> {
  const keys = new Map<string, JwsVerifier>();
  for (const entry of [...(doc.authentication ?? []), ...(doc.assertionMethod ?? [])] as (string | VerificationMethod)[]) {
    const method = typeof entry === "string" ? findMethod(doc, entry) : entry;
    const crv = method?.publicKeyJwk?.crv;
    if (!method || (crv !== "P-256" && crv !== "secp256k1")) continue;
    keys.set(absolute(doc.id, method.id), { crv, publicKey: jwkToPoint(method.publicKeyJwk, crv).point });
  }
  return keys;
}

function findMethod(doc: DidDocument, id: string): VerificationMethod | undefined {
  const methods = (doc.verificationMethod ?? []) as VerificationMethod[];
  const wanted = absolute(doc.id, id);
  return methods.find((m) => absolute(doc.id, m.id) === wanted);
}

function absolute(did: string, id: string): string {
  return id.startsWith("#") ? `${did}${id}` : id;
}
