import { bech32 } from "@scure/base";
import { p256 } from "@noble/curves/p256";
import { secp256k1 } from "@noble/curves/secp256k1";
import { bytesToHex, getAddress, isHex, keccak256, type Address, type Hex } from "viem";
import { DeviceError, preview } from "../device/errors";

/** The only identifier ioID v1 can register: the device's secp256k1 address, lowercase (as `documentID` writes it). */
export type IoDid = `did:io:0x${string}`;

export interface ParsedDid {
  did: IoDid;
  /** EIP-55 checksummed, for display and viem; compare with `isAddressEqual`. */
  address: Address;
}

const IO_DID = /^did:io:0x([0-9a-f]{40})$/i;
const BASE58 = /^[1-9A-HJ-NP-Za-km-z]{20,}$/;

/**
 * Parses `did:io:0x<40 hex>` in any letter case. Other did:io shapes are recognised and
 * refused with the reason, because users paste them from old docs and tools.
 */
export function parseDid(input: unknown): ParsedDid {
  if (typeof input !== "string") {
    throw new DeviceError("did-invalid", `A DID must be a string, got ${typeof input}.`);
  }
  const text = input.trim();
  const match = IO_DID.exec(text);
  if (match) {
    const hex = match[1]!.toLowerCase();
    return { did: `did:io:0x${hex}`, address: getAddress(`0x${hex}`) };
  }
  throw explainUnregistrableDid(text);
}

function explainUnregistrableDid(text: string): DeviceError {
  const lower = text.toLowerCase();
  if (!lower.startsWith("did:")) {
    return new DeviceError("did-invalid", `"${preview(text)}" is not a DID: a device DID looks like did:io:0x followed by 40 hex digits.`);
  }
  if (!lower.startsWith("did:io:")) {
    const method = lower.slice(4).split(":")[0] ?? "";
    return new DeviceError(
      "did-method-unsupported",
      `"${preview(text)}" uses the did:${method} method; ioID registers only did:io:0x<address> identifiers.`,
      { details: { method } },
    );
  }
  const rest = text.slice("did:io:".length);
  const fragmentAt = rest.search(/[#?/]/);
  if (fragmentAt >= 0) {
    const base = `did:io:${rest.slice(0, fragmentAt)}`;
    const suffix = rest.slice(fragmentAt);
    if (/^#key-p256/i.test(suffix)) {
      return new DeviceError(
        "public-key-p256",
        `"${preview(text)}" names the device's P-256 key-agreement key. Its address is derived from a P-256 key, which cannot produce the secp256k1 signature ioID checks; use the document's id (the #Key-secp256k1-1 DID) instead.`,
        { details: { did: base, fragment: suffix } },
      );
    }
    return new DeviceError(
      "did-url",
      `"${preview(text)}" is a DID URL (it carries "${preview(suffix, 30)}"); give the bare DID ${preview(base)}.`,
      { details: { did: base, suffix } },
    );
  }
  if (/^io1/i.test(rest)) {
    const decoded = bech32.decodeUnsafe(rest.toLowerCase());
    const bytes = decoded && decoded.prefix === "io" ? bech32.fromWordsUnsafe(decoded.words) : undefined;
    if (bytes && bytes.length === 20) {
      const equivalent = `did:io:${bytesToHex(bytes)}`;
      return new DeviceError(
        "did-io-bech32",
        `"${preview(text)}" is a legacy bech32 did:io from IoTeX's old DID contract. ioID v1 registers did:io:0x… only; the same address written that way is ${equivalent}, but the device itself must hand over that identity and sign for it.`,
        { details: { equivalent } },
      );
    }
    return new DeviceError("did-io-bech32", `"${preview(text)}" looks like a legacy bech32 did:io (io1…) but its checksum or length is wrong; ioID v1 registers did:io:0x… only.`);
  }
  if (/^0x/i.test(rest)) {
    const hex = rest.slice(2);
    const problem = /^[0-9a-f]*$/i.test(hex) ? `has ${hex.length} hex digits` : "contains characters that are not hex digits";
    return new DeviceError("did-invalid", `"${preview(text)}": the address after did:io:0x must be exactly 40 hex digits, but it ${problem}.`);
  }
  if (BASE58.test(rest)) {
    return new DeviceError(
      "did-io-base58",
      `"${preview(text)}" is a base58 did:io (derived from a project name and device serial). Those belong to the operator-run ioID v2 registry; owners cannot register them here. ioID v1 needs the device's did:io:0x… identity.`,
    );
  }
  return new DeviceError("did-invalid", `"${preview(text)}" is not a registrable did:io: expected did:io:0x followed by 40 hex digits.`);
}

export function formatDid(address: string): IoDid {
  if (typeof address !== "string" || !/^0x[0-9a-f]{40}$/i.test(address)) {
    throw new DeviceError("did-invalid", `Cannot build a DID from "${preview(address)}": expected a 0x address with 40 hex digits.`);
  }
  return `did:io:${address.toLowerCase()}` as IoDid;
}

export const didFromAddress = formatDid;

export function addressFromDid(did: unknown): Address {
  return parseDid(did).address;
}

/**
 * The Ethereum-style address of a secp256k1 public key (keccak256(X‖Y)[12:]), as ioConnect
 * derives did:io. Accepts 0x04‖X‖Y (ioConnect's `puk`) or compressed 0x02/0x03‖X.
 * A point that is on P-256 instead is refused by name: it is ioConnect's key-agreement key.
 */
export function addressFromPublicKey(publicKey: unknown): Address {
  return getAddress(`0x${keccak256(uncompressedSecp256k1(publicKey).slice(1)).slice(-40)}`);
}

/** Validates a secp256k1 public key and returns it as 65 uncompressed bytes. */
export function uncompressedSecp256k1(publicKey: unknown): Uint8Array {
  const hex = normalisePublicKeyHex(publicKey);
  try {
    return secp256k1.ProjectivePoint.fromHex(hex).toRawBytes(false);
  } catch {
    if (isP256Point(hex)) {
      throw new DeviceError(
        "public-key-p256",
        `Public key ${preview(`0x${hex}`, 24)} is a P-256 key. ioID checks signatures with ecrecover, which only works for secp256k1 keys, so a P-256 identity cannot be registered.`,
      );
    }
    throw new DeviceError("public-key-invalid", `Public key ${preview(`0x${hex}`, 24)} is not a point on the secp256k1 curve.`);
  }
}

function normalisePublicKeyHex(publicKey: unknown): string {
  let hex: string;
  if (publicKey instanceof Uint8Array) {
    hex = bytesToHex(publicKey).slice(2);
  } else if (typeof publicKey === "string" && isHex(publicKey.trim(), { strict: true })) {
    hex = publicKey.trim().slice(2).toLowerCase();
  } else {
    throw new DeviceError("public-key-invalid", `Public key "${preview(publicKey)}" is not 0x-prefixed hex.`);
  }
  const ok = (hex.length === 130 && hex.startsWith("04")) || (hex.length === 66 && (hex.startsWith("02") || hex.startsWith("03")));
  if (!ok) {
    throw new DeviceError(
      "public-key-invalid",
      `Public key ${preview(`0x${hex}`, 24)} has ${hex.length} hex digits; expected 65 bytes starting 0x04 (uncompressed), or 33 bytes starting 0x02/0x03 (compressed).`,
    );
  }
  return hex;
}

function isP256Point(hex: string): boolean {
  try {
    p256.ProjectivePoint.fromHex(hex);
    return true;
  } catch {
    return false;
  }
}

/** The "address" ioConnect derives from its P-256 key-agreement key (same keccak rule; not an account). */
export function addressFromP256PublicKey(publicKey: Hex | Uint8Array): Address {
  const hex = normalisePublicKeyHex(publicKey);
  let raw: Uint8Array;
  try {
    raw = p256.ProjectivePoint.fromHex(hex).toRawBytes(false);
  } catch {
    throw new DeviceError("public-key-invalid", `Public key ${preview(`0x${hex}`, 24)} is not a point on the P-256 curve.`);
  }
  return getAddress(`0x${keccak256(raw.slice(1)).slice(-40)}`);
}
