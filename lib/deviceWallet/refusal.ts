import { BaseError, ContractFunctionRevertedError } from "viem";
import { text, type Text } from "../i18n/text";
import { explainError, type ExplainedError } from "../chain/revertMessages";
import type { SendAsset } from "./send";

// Why the chain refuses a send out of a device wallet, in the owner's words. The same revert reasons mean
// something else in the claim (there the device wallet is the receiver), so sends have their own map first.


const said = (message: Text, action: Text) => ({ message, action });
const nftGone = said(text("DeviceWallet.refusal.nftGone"), text("DeviceWallet.refusal.nftGoneAction"));

const reasons: Record<string, Omit<ExplainedError, "code">> = {
  "Invalid signer": said(text("DeviceWallet.refusal.invalidSigner"), text("DeviceWallet.refusal.invalidSignerAction")),
  "ERC20: transfer amount exceeds balance": said(text("DeviceWallet.refusal.erc20Balance"), text("DeviceWallet.refusal.erc20BalanceAction")),
  "ERC721: transfer to non ERC721Receiver implementer": said(text("DeviceWallet.refusal.nftReceiver"), text("DeviceWallet.refusal.nftReceiverAction")),
  "ERC721: transfer from incorrect owner": nftGone,
  "ERC721: caller is not token owner or approved": nftGone,
};

/** A refusal this module words itself, else the chain's general explanation. */
export function explainSendRefusal(error: unknown, asset: SendAsset): ExplainedError {
  const reverted = error instanceof BaseError ? error.walk((e) => e instanceof ContractFunctionRevertedError) : undefined;
  if (reverted instanceof ContractFunctionRevertedError) {
    const reason = reverted.reason;
    const known = reason ? reasons[reason] : undefined;
    if (known) return { code: `send:${reason}`, ...known };
    // A plain value transfer that fails leaves no revert data (nodes word it "execution reverted"): the wallet's
    // balance is short, or the recipient refuses IOTX.
    if ((!reverted.raw || reverted.raw === "0x") && asset.kind === "iotx") {
      return { code: "send:iotx-failed", ...said(text("DeviceWallet.refusal.iotxFailed"), text("DeviceWallet.refusal.iotxFailedAction")) };
    }
  }
  return explainError(error);
}
