import { getAddress, isAddress, type Address } from "viem";
import { formatDid, parseDid, type IoDid } from "./did";
import { DeviceError, preview } from "../untrusted/errors";
import { fromIoAddress } from "./ioAddress";
import { text } from "../i18n/text";

/** What someone typed into a lookup box: a DID, a 0x or io1 address, or an ioID token id. */
export type DeviceRef = { kind: "device"; address: Address; did: IoDid } | { kind: "token"; id: bigint };

/**
 * Reads a lookup query. Addresses (0x or io1) are taken as device addresses; a legacy `did:io:io1…` is
 * accepted here because looking up is read-only (registering still needs the device's own did:io:0x).
 */
export function parseDeviceRef(input: unknown): DeviceRef {
  if (typeof input !== "string") throw new DeviceError("did-invalid", text("DeviceErrors.lookup.empty"));
  const query = input.trim();
  if (/^#?\d{1,30}$/.test(query)) {
    const id = BigInt(query.replace("#", ""));
    if (id === 0n) throw new DeviceError("did-invalid", text("DeviceErrors.lookup.zero"));
    return { kind: "token", id };
  }
  if (/^io1/i.test(query)) return deviceRef(fromIoAddress(query));
  if (/^did:io:io1/i.test(query)) return deviceRef(fromIoAddress(query.slice("did:io:".length)));
  if (/^0x/i.test(query)) {
    if (!isAddress(query, { strict: false })) {
      throw new DeviceError("did-invalid", text("DeviceErrors.lookup.notAddress", { text: preview(query) }));
    }
    return deviceRef(getAddress(query));
  }
  const { address, did } = parseDid(query);
  return { kind: "device", address, did };
}

function deviceRef(address: Address): DeviceRef {
  return { kind: "device", address, did: formatDid(address) };
}

/** The URL segment of a device page: the DID for devices (stable across transfers), the number for tokens. */
export function deviceRefSegment(ref: DeviceRef): string {
  return ref.kind === "device" ? ref.did : ref.id.toString();
}
