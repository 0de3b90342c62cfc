import { concat, type Address } from "viem";
import { addressFromP256PublicKey, addressFromPublicKey, parseDid } from "./did";
import { decodeCoordinate, documentMethods, type DidDocument, type VerificationMethod } from "./didDocument";
import { DeviceError } from "../untrusted/errors";
import { text } from "../i18n/text";

// ioConnect names every key with a did:io of its own: the keccak256 address of the key, for the
// secp256k1 device key and the P-256 keys alike (a server's Sprout document has only P-256 keys).
// A document "verifies against its DID" when one of its keys hashes to the address in its id.

/** The did:io address a JWK's key hashes to (ioConnect's rule), or undefined for other key kinds. */
export function ioConnectKeyAddress(method: VerificationMethod): Address | undefined {
  const jwk = method.publicKeyJwk;
  if (jwk?.kty !== "EC" || jwk.x === undefined || jwk.y === undefined) return undefined;
  if (jwk.crv !== "secp256k1" && jwk.crv !== "P-256") return undefined;
  const raw = concat([new Uint8Array([4]), decodeCoordinate(jwk.x, "x"), decodeCoordinate(jwk.y, "y")]);
  return jwk.crv === "P-256" ? addressFromP256PublicKey(raw) : addressFromPublicKey(raw);
}

/** The did:io address named by a method id (`did:io:0x…#Key-p256-2`), undefined for a relative or foreign id. */
export function methodIdAddress(id: string, docId: string): Address | undefined {
  const did = (id.startsWith("#") ? docId : id).split("#")[0];
  try {
    return parseDid(did).address;
  } catch {
    return undefined;
  }
}

/** The method whose key hashes to the document's own did:io; a diddoc-mismatch error names what was found otherwise. */
export function verifyDidDocumentAgainstItsDid(doc: DidDocument): { verificationMethodId: string } {
  const own = parseDid(doc.id);
  const found: string[] = [];
  for (const method of documentMethods(doc)) {
    let address: Address | undefined;
    try {
      address = ioConnectKeyAddress(method);
    } catch {
      continue;
    }
    if (address === undefined) continue;
    if (address.toLowerCase() === own.address.toLowerCase()) return { verificationMethodId: method.id };
    found.push(`${method.id} → ${address}`);
  }
  throw new DeviceError(
    "diddoc-mismatch",
    found.length ? text("DeviceErrors.document.noKeyHashesToDid", { did: own.did, found: found.join("; ") }) : text("DeviceErrors.document.noEcKey", { did: own.did }),
  );
}
