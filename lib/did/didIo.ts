import { getAddress, isAddress, type Address } from "viem";
import { formatDid, parseDid, type IoDid } from "./did";
import { DeviceError, preview } from "../device/errors";
import { fromIoAddress } from "../chain/ioAddress";

export type { IoDid };
export { formatDid, parseDid };

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
