import type { Address, Hex } from "viem";
import type { IoDid } from "../../did/did";
import type { DidDocument } from "../../did/didDocument";

// What a claim starts from, whatever door it came through (docs/claim-payload.md): the wire format and the
// checked result every later step reads.

export const CLAIM_PAYLOAD_VERSION = 1;
/** Raw text (or bytes) accepted before any decoding: a deep link of a full payload fits, a pasted file does not. */
export const MAX_CLAIM_INPUT_BYTES = 8 * 1024;
/** The decoded JSON. A QR code tops out near 3 KB; 4 KB leaves room for a small inline document over BLE. */
export const MAX_CLAIM_PAYLOAD_BYTES = 4 * 1024;

/** How the input arrived: the UI words its confirmation by it. */
export type ClaimInputForm = "json" | "base64url" | "link" | "did" | "endpoint";

export interface ClaimPermit {
  owner: Address;
  nonce: bigint;
  /** r‖s‖v (65 bytes) with v recovered against the device, ready for `register`. */
  signature: Hex;
}

/** A claim through a project's VerifyingProxy: the device signs for the proxy, the project's verifier vouches. */
export interface ClaimProxy {
  address: Address;
  /** The verifier's EIP-191 signature over (chainId, owner, device), given inline… */
  verifySignature?: Hex;
  /** …or where to ask for it (docs/claim-payload.md). */
  verifierUrl?: string;
}

export interface ClaimDeviceNft {
  contract: Address;
  tokenId?: bigint;
}

interface ClaimInputFields {
  form: ClaimInputForm;
  did?: IoDid;
  device?: Address;
  /** Uncompressed secp256k1 key, 0x04‖X‖Y, checked against the DID. */
  publicKey?: Hex;
  /** Checked: its id is the DID and a secp256k1 key in it is the device's. */
  document?: DidDocument;
  docUri?: string;
  docHash?: Hex;
  /** An ioConnect HTTP device's origin (no path). */
  endpoint?: string;
  chainId?: number;
  registry?: Address;
  /** A pre-signed payload's permit, already verified against (chainId, registry, owner, nonce). */
  permit?: ClaimPermit;
  deviceNFT?: ClaimDeviceNft;
  projectName?: string;
  proxy?: ClaimProxy;
  /** Deep links only: the origin the link points at. */
  linkOrigin?: string;
  /** Deep links only, with `appOrigin` given: the link names another site than this app. */
  foreignLink?: boolean;
}

export type ClaimInput =
  /** Our claim payload (v1), from JSON, base64url or a link. */
  | (ClaimInputFields & { kind: "payload"; did: IoDid; device: Address })
  /** An ioConnect `/did` answer: identity only. */
  | (ClaimInputFields & { kind: "ioconnect"; did: IoDid; device: Address; publicKey: Hex })
  /** A bare DID: the app knows who, not how to reach it. */
  | (ClaimInputFields & { kind: "did"; did: IoDid; device: Address })
  /** A device URL: the app knows how to reach it, not yet who it is. */
  | (ClaimInputFields & { kind: "endpoint"; endpoint: string; did?: undefined; device?: undefined });

/**
 * What the claim still needs before it can be sent:
 * - identity: no DID yet (ask the device: `identify()`);
 * - signer: no pre-signed permit and no endpoint (connect the device over BLE or USB to sign);
 * - document: no document and no docUri (read /diddoc from the device);
 * - deviceNFT: no device-NFT contract and token id (the owner picks one); a proxy claim needs none.
 */
export type ClaimGap = "identity" | "signer" | "document" | "deviceNFT";

export function claimInputGaps(input: ClaimInput): ClaimGap[] {
  const gaps: ClaimGap[] = [];
  if (input.did === undefined) gaps.push("identity");
  if (input.permit === undefined && input.endpoint === undefined) gaps.push("signer");
  if (input.document === undefined && input.docUri === undefined) gaps.push("document");
  if (input.deviceNFT?.tokenId === undefined && input.proxy === undefined) gaps.push("deviceNFT");
  return gaps;
}

/** The v1 wire format (docs/claim-payload.md). Integers may be given as bigint; they are written as decimal strings. */
export interface ClaimPayloadV1 {
  v: 1;
  did: string;
  puk?: string;
  /** A DID Document object (validated when parsed). */
  doc?: object;
  docUri?: string;
  docHash?: string;
  endpoint?: string;
  chainId?: number;
  registry?: string;
  owner?: string;
  nonce?: string | number | bigint;
  sig?: string;
  deviceNFT?: { contract: string; tokenId?: string | number | bigint };
  project?: string;
  proxy?: string;
  verifySignature?: string;
  verifier?: string;
}
