import { BaseError, ContractFunctionRevertedError } from "viem";
import { explainError, type ExplainedError } from "../chain/revertMessages";
import type { SendAsset } from "./send";

// Why the chain refuses a send out of a device wallet, in the owner's words. The same revert reasons mean
// something else in the claim (there the device wallet is the receiver), so sends have their own map first.

const reasons: Record<string, Omit<ExplainedError, "code">> = {
  "Invalid signer": {
    message: "Only the ioID's owner can move what its device wallet holds, and the connected account is not the owner.",
    action: "Connect the wallet that holds the ioID.",
  },
  "ERC20: transfer amount exceeds balance": {
    message: "The device wallet holds less of this token than that amount.",
    action: "Enter at most the balance shown (Max fills it in).",
  },
  "ERC721: transfer to non ERC721Receiver implementer": {
    message: "The recipient is a contract that cannot receive NFTs: the NFT would be refused.",
    action: "Send it to a wallet address, or a contract made to hold NFTs.",
  },
  "ERC721: transfer from incorrect owner": {
    message: "The device wallet no longer holds this NFT.",
    action: "Reload the assets.",
  },
  "ERC721: caller is not token owner or approved": {
    message: "The device wallet no longer holds this NFT.",
    action: "Reload the assets.",
  },
};

export function explainSendRefusal(error: unknown, asset: SendAsset): ExplainedError {
  const reverted = error instanceof BaseError ? error.walk((e) => e instanceof ContractFunctionRevertedError) : undefined;
  if (reverted instanceof ContractFunctionRevertedError) {
    const reason = reverted.reason;
    const known = reason ? reasons[reason] : undefined;
    if (known) return { code: `send:${reason}`, ...known };
    // A plain value transfer that fails leaves no revert data (nodes word it "execution reverted"): the wallet's
    // balance is short, or the recipient refuses IOTX.
    if ((!reverted.raw || reverted.raw === "0x") && asset.kind === "iotx") {
      return {
        code: "send:iotx-failed",
        message: "The device wallet cannot pay that much IOTX (its balance is lower), or the recipient refuses IOTX.",
        action: "Enter at most the balance shown, or another recipient.",
      };
    }
  }
  return explainError(error);
}
