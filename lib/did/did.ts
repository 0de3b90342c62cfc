import { bech32 } from "@scure/base";
import { p256 } from "@noble/curves/p256";
import { secp256k1 } from "@noble/curves/secp256k1";
import { bytesToHex, getAddress, isHex, keccak256, type Address, type Hex } from "viem";
import { DeviceError, preview } from "../untrusted/errors";
import { text, untranslated } from "../i18n/text";

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
    // A caller passed something that is not text: a bug, not anything a person typed.
    throw new DeviceError("did-invalid", untranslated(`A DID must be a string, got ${typeof input}.`));
  }
  const text = input.trim();
  const address = addressInDid(text);
  if (address) return { did: formatDid(address), address };
  throw explainUnregistrableDid(text);
}

/**
 * The device address in exactly `did:io:0x<40 hex>` (any case, nothing around it), as the registry's lens
 * reads a stored DID; undefined for anything else. The one did:io pattern: parseDid and the chain reads use it.
 */
export function addressInDid(text: string): Address | undefined {
  const match = IO_DID.exec(text);
  return match ? getAddress(`0x${match[1]!.toLowerCase()}`) : undefined;
}

function explainUnregistrableDid(input: string): DeviceError {
  const lower = input.toLowerCase();
  if (!lower.startsWith("did:")) {
    return new DeviceError("did-invalid", text("DeviceErrors.did.notDid", { text: preview(input) }));
  }
  if (!lower.startsWith("did:io:")) {
    const method = lower.slice(4).split(":")[0] ?? "";
    return new DeviceError(
      "did-method-unsupported",
      text("DeviceErrors.did.method", { text: preview(input), method }),
      { details: { method } },
    );
  }
  const rest = input.slice("did:io:".length);
  const fragmentAt = rest.search(/[#?/]/);
  if (fragmentAt >= 0) {
    const base = `did:io:${rest.slice(0, fragmentAt)}`;
    const suffix = rest.slice(fragmentAt);
    if (/^#key-p256/i.test(suffix)) {
      return new DeviceError(
        "public-key-p256",
        text("DeviceErrors.did.p256Fragment", { text: preview(input) }),
        { details: { did: base, fragment: suffix } },
      );
    }
    return new DeviceError(
      "did-url",
      text("DeviceErrors.did.didUrl", { text: preview(input), suffix: preview(suffix, 30), base: preview(base) }),
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
        text("DeviceErrors.did.bech32", { text: preview(input), equivalent }),
        { details: { equivalent } },
      );
    }
    return new DeviceError("did-io-bech32", text("DeviceErrors.did.bech32Broken", { text: preview(input) }));
  }
  if (/^0x/i.test(rest)) {
    const hex = rest.slice(2);
    return new DeviceError(
      "did-invalid",
      /^[0-9a-f]*$/i.test(hex) ? text("DeviceErrors.did.hexLength", { text: preview(input), count: hex.length }) : text("DeviceErrors.did.hexCharacters", { text: preview(input) }),
    );
  }
  if (BASE58.test(rest)) {
    return new DeviceError(
      "did-io-base58",
      text("DeviceErrors.did.base58", { text: preview(input) }),
    );
  }
  return new DeviceError("did-invalid", text("DeviceErrors.did.notRegistrable", { text: preview(input) }));
}

export function formatDid(address: string): IoDid {
  if (typeof address !== "string" || !/^0x[0-9a-f]{40}$/i.test(address)) {
    throw new DeviceError("did-invalid", text("DeviceErrors.did.fromAddress", { text: preview(address) }));
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
        text("DeviceErrors.key.p256", { key: preview(`0x${hex}`, 24) }),
      );
    }
    throw new DeviceError("public-key-invalid", text("DeviceErrors.key.notOnCurve", { key: preview(`0x${hex}`, 24), curve: "secp256k1" }));
  }
}

function normalisePublicKeyHex(publicKey: unknown): string {
  let hex: string;
  if (publicKey instanceof Uint8Array) {
    hex = bytesToHex(publicKey).slice(2);
  } else if (typeof publicKey === "string" && isHex(publicKey.trim(), { strict: true })) {
    hex = publicKey.trim().slice(2).toLowerCase();
  } else {
    throw new DeviceError("public-key-invalid", text("DeviceErrors.key.notHex", { key: preview(publicKey) }));
  }
  const ok = (hex.length === 130 && hex.startsWith("04")) || (hex.length === 66 && (hex.startsWith("02") || hex.startsWith("03")));
  if (!ok) {
    throw new DeviceError(
      "public-key-invalid",
      text("DeviceErrors.key.length", { key: preview(`0x${hex}`, 24), count: hex.length }),
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
    throw new DeviceError("public-key-invalid", text("DeviceErrors.key.notOnCurve", { key: preview(`0x${hex}`, 24), curve: "P-256" }));
  }
  return getAddress(`0x${keccak256(raw.slice(1)).slice(-40)}`);
}
