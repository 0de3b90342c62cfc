import { isAddressEqual, zeroAddress, type Address } from "viem";
import { parseAccountAddress } from "../did/ioAddress";
import { text, type Text } from "../i18n/text";

export interface TransferContext {
  owner: Address;
  /** The ioID's device wallet and the device's key address, when known: neither is a person's wallet. */
  wallet: Address | undefined;
  device: Address | undefined;
}

/** A new owner for an ioID, typed in either form; refused where the ioID would be lost or stuck. */
export function checkTransferRecipient(typed: string, ctx: TransferContext): { address: Address } | { error: Text } {
  const parsed = parseAccountAddress(typed);
  if ("error" in parsed) return parsed;
  const { address } = parsed;
  if (isAddressEqual(address, zeroAddress)) return { error: text("DeviceDetail.transfer.zeroAddress") };
  if (isAddressEqual(address, ctx.owner)) return { error: text("DeviceDetail.transfer.ownAddress") };
  if (ctx.wallet && isAddressEqual(address, ctx.wallet)) {
    return { error: text("DeviceDetail.transfer.ownWallet") };
  }
  if (ctx.device && isAddressEqual(address, ctx.device)) {
    return { error: text("DeviceDetail.transfer.deviceKey") };
  }
  return { address };
}
