import { bech32 } from "@scure/base";
import { getAddress, hexToBytes, isAddress, toHex, type Address } from "viem";
import { formatDid, parseDid, type IoDid } from "../device/did";
import { DeviceError, preview } from "../device/errors";

export type { IoDid };
export { formatDid, parseDid };

// IoTeX shows the same 20-byte account two ways: 0x hex (EVM tools) and bech32 "io1…" (ioPay, iotexscan).
// Owners copy from both, so everything that names an account accepts and shows both.

const IO_HRP = "io";

/** The io1… form of a 0x address. */
export function toIoAddress(address: Address | string): string {
  if (!isAddress(address, { strict: false })) throw new DeviceError("did-invalid", `"${preview(address)}" is not a 0x address.`);
  return bech32.encode(IO_HRP, bech32.toWords(hexToBytes(address as Address)));
}

/** The 0x form of an io1… address; throws on a wrong checksum, prefix or length. */
export function fromIoAddress(io: string): Address {
  const decoded = bech32.decodeUnsafe(io.trim().toLowerCase());
  const bytes = decoded && decoded.prefix === IO_HRP ? bech32.fromWordsUnsafe(decoded.words) : undefined;
  if (!bytes || bytes.length !== 20) {
    throw new DeviceError("did-invalid", `"${preview(io)}" is not an io1… address (bad checksum, prefix or length).`);
  }
  return getAddress(toHex(bytes));
}

/** What someone typed into a lookup box: a DID, a 0x or io1 address, or an ioID token id. */
export type DeviceRef = { kind: "device"; address: Address; did: IoDid } | { kind: "token"; id: bigint };

/**
 * Reads a lookup query. Addresses (0x or io1) are taken as device addresses; a legacy `did:io:io1…` is
 * accepted here because looking up is read-only (registering still needs the device's own did:io:0x).
 */
export function parseDeviceRef(input: unknown): DeviceRef {
  if (typeof input !== "string") throw new DeviceError("did-invalid", "Enter a DID, a device address or an ioID number.");
  const text = input.trim();
  if (/^#?\d{1,30}$/.test(text)) {
    const id = BigInt(text.replace("#", ""));
    if (id === 0n) throw new DeviceError("did-invalid", "ioID numbers start at 1.");
    return { kind: "token", id };
  }
  if (/^io1/i.test(text)) return deviceRef(fromIoAddress(text));
  if (/^did:io:io1/i.test(text)) return deviceRef(fromIoAddress(text.slice("did:io:".length)));
  if (/^0x/i.test(text)) {
    if (!isAddress(text, { strict: false })) {
      throw new DeviceError("did-invalid", `"${preview(text)}" is not an address: expected 0x followed by 40 hex digits.`);
    }
    return deviceRef(getAddress(text));
  }
  const { address, did } = parseDid(text);
  return { kind: "device", address, did };
}

function deviceRef(address: Address): DeviceRef {
  return { kind: "device", address, did: formatDid(address) };
}

/** The URL segment of a device page: the DID for devices (stable across transfers), the number for tokens. */
export function deviceRefSegment(ref: DeviceRef): string {
  return ref.kind === "device" ? ref.did : ref.id.toString();
}
