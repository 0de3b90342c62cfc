import type { Resolve } from "../../did/http";
import { keyAgreementOf, signingKeyOf } from "../../didcomm/documentKeys";

export interface DeviceKeys {
  did: string;
  keyAgreement: { kid: string; publicKey: Uint8Array };
  /** secp256k1, uncompressed; it hashes to the DID's address. */
  signingKey: Uint8Array;
}

/** Looks a device up: its keys when it has an ioID on the configured chain, or the reason it cannot use the inbox. */
export type DeviceDirectory = (did: string) => Promise<DeviceKeys | { refused: string }>;

/**
 * Devices are known through our own did:io resolver (lib/did): an ioID registration on the chain,
 * a document whose hash the chain vouches for, and keys that match the DID.
 */
export function createDeviceDirectory(resolve: Resolve): DeviceDirectory {
  return async (did) => {
    const result = await resolve(did, {});
    const doc = result.didDocument;
    if (!doc || result.didResolutionMetadata.error) {
      const reason = result.didDocumentMetadata.deactivated ? `${did} was removed from ioID.` : result.didResolutionMetadata.errorMessage;
      return { refused: reason ?? `${did} could not be resolved.` };
    }
    try {
      return { did: doc.id, keyAgreement: keyAgreementOf(doc), signingKey: signingKeyOf(doc, did) };
    } catch (e) {
      return { refused: (e as Error).message };
    }
  };
}
