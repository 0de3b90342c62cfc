import { isAddressEqual, zeroAddress, type Address } from "viem";
import { parseAccountAddress } from "../did/ioAddress";

export interface TransferContext {
  owner: Address;
  /** The ioID's device wallet and the device's key address, when known: neither is a person's wallet. */
  wallet: Address | undefined;
  device: Address | undefined;
}

/** A new owner for an ioID, typed in either form; refused where the ioID would be lost or stuck. */
export function checkTransferRecipient(text: string, ctx: TransferContext): { address: Address } | { error: string } {
  const parsed = parseAccountAddress(text);
  if ("error" in parsed) return parsed;
  const { address } = parsed;
  if (isAddressEqual(address, zeroAddress)) return { error: "That is the zero address: the ioID would be lost." };
  if (isAddressEqual(address, ctx.owner)) return { error: "That is your own address; the ioID is already there." };
  if (ctx.wallet && isAddressEqual(address, ctx.wallet)) {
    return { error: "That is this device's own wallet. An ioID held by its own wallet can never be moved again." };
  }
  if (ctx.device && isAddressEqual(address, ctx.device)) {
    return { error: "That is the device's key address, not a person's wallet. Send the ioID to the new owner's wallet." };
  }
  return { address };
}
