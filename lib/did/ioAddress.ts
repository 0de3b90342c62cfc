import { bech32 } from "@scure/base";
import { getAddress, hexToBytes, isAddress, toHex, type Address } from "viem";
import { DeviceError, preview } from "../untrusted/errors";
import { text, type Text } from "../i18n/text";

// IoTeX shows the same 20-byte account two ways: 0x hex (EVM tools) and bech32 "io1…" (ioPay, iotexscan).
// Owners copy from both, so everything that names an account accepts and shows both.

const IO_HRP = "io";

/** The io1… form of a 0x address. */
export function toIoAddress(address: Address | string): string {
  if (!isAddress(address, { strict: false })) throw new DeviceError("did-invalid", text("DeviceErrors.lookup.not0x", { text: preview(address) }));
  return bech32.encode(IO_HRP, bech32.toWords(hexToBytes(address as Address)));
}

/** The 0x form of an io1… address; throws on a wrong checksum, prefix or length. */
export function fromIoAddress(io: string): Address {
  const decoded = bech32.decodeUnsafe(io.trim().toLowerCase());
  const bytes = decoded && decoded.prefix === IO_HRP ? bech32.fromWordsUnsafe(decoded.words) : undefined;
  if (!bytes || bytes.length !== 20) {
    throw new DeviceError("did-invalid", text("DeviceErrors.lookup.notIo", { text: preview(io) }));
  }
  return getAddress(toHex(bytes));
}

/** An account typed by a person, in either form; the reason when it is neither. */
export function parseAccountAddress(typed: string): { address: Address } | { error: Text } {
  const t = typed.trim();
  if (/^io1/i.test(t)) {
    try {
      return { address: fromIoAddress(t) };
    } catch {
      return { error: text("Addresses.notIo1", { typed: preview(t) }) };
    }
  }
  if (isAddress(t, { strict: false })) return { address: getAddress(t) };
  return { error: text("Addresses.enterAddress") };
}
