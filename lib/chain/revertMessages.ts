import { BaseError, ContractFunctionRevertedError, HttpRequestError, UserRejectedRequestError } from "viem";

export interface ExplainedError {
  /** Stable, for tests and UI branching. */
  code: string;
  message: string;
  /** What the owner can do about it. */
  action: string;
}

/** Revert reasons of the ioID contracts and OZ 4 ERC-721, in the owner's words (REFERENCE.md §8). */
const reverts: Record<string, Omit<ExplainedError, "code">> = {
  "invalid signature": {
    message: "The registry rejected the device's signature: it was made for another owner, chain, registry or an older nonce.",
    action: "Ask the device to sign again for your connected account, then retry.",
  },
  "device exists": {
    message: "This device is already registered.",
    action: "Look it up under My devices; a device can hold one ioID.",
  },
  "nft already used": {
    message: "This device NFT was already used for a registration.",
    action: "Pick another device NFT of the project.",
  },
  "invalid project": {
    message: "This NFT collection is not bound to an ioID project.",
    action: "Check that you picked the device NFT that came with the device.",
  },
  "insufficient fund": {
    message: "The project's prepaid ioIDs are used up and the fee was not paid.",
    action: "Check again: the app will include the current fee in the transaction.",
  },
  "insufficient ioID": {
    message: "The project has no ioIDs left to activate (this registry does not sell them one by one).",
    action: "Ask the project to buy more ioIDs, then retry.",
  },
  "empty hash": { message: "The DID Document hash was empty.", action: "Reload the device's document and retry." },
  "device is the zero address": { message: "The device address is empty.", action: "Scan the device again." },
  "user is the zero address": { message: "The owner address is empty.", action: "Reconnect your wallet." },
  "device not exists": { message: "This device has no ioID.", action: "Claim it first." },
  "ERC721: caller is not token owner or approved": {
    message: "The registry is not allowed to move your device NFT.",
    action: "Approve the registry for this token (the app asks for it), then retry.",
  },
  "ERC721: transfer from incorrect owner": {
    message: "Your connected account does not own this device NFT.",
    action: "Connect the wallet that holds it.",
  },
  "ERC721: invalid token ID": { message: "This device NFT does not exist.", action: "Pick one of your device NFTs." },
  "ERC721: transfer to non ERC721Receiver implementer": {
    message: "The device wallet could not receive the NFT (a misconfigured deployment).",
    action: "Tell the project: its ioID account implementation cannot hold NFTs.",
  },
};

const slug = (reason: string) => reason.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");

/** Any error from a wallet, an RPC node or a contract, turned into something an owner can act on. */
export function explainError(error: unknown): ExplainedError {
  // Wallets that bypass viem reject with a bare EIP-1193 error object: { code: 4001 }.
  const rejectedByProvider = typeof error === "object" && error !== null && (error as { code?: unknown }).code === 4001;
  if (rejectedByProvider || (error instanceof BaseError && error.walk((e) => e instanceof UserRejectedRequestError))) {
    return { code: "user-rejected", message: "You declined the request in your wallet.", action: "Nothing was sent. Try again when ready." };
  }
  if (error instanceof BaseError) {
    const reverted = error.walk((e) => e instanceof ContractFunctionRevertedError);
    if (reverted instanceof ContractFunctionRevertedError) {
      const reason = reverted.reason ?? reverted.data?.errorName;
      const known = reason ? reverts[reason] : undefined;
      if (reason && known) return { code: `revert:${slug(reason)}`, ...known };
      return {
        code: "revert:unknown",
        message: `The contract refused the transaction${reason ? `: “${reason}”` : ""}.`,
        action: "Check the device and NFT, then retry.",
      };
    }
    if (error.walk((e) => e instanceof HttpRequestError)) {
      return {
        code: "rpc-unreachable",
        message: "The network's RPC node did not answer.",
        action: "Check your connection (or that the local devnet is running) and retry.",
      };
    }
    if (/chain mismatch|does not match the target chain/i.test(error.message)) {
      return { code: "wrong-network", message: "Your wallet is on another network.", action: "Switch your wallet to the network shown here." };
    }
    const known = Object.entries(reverts).find(([reason]) => error.message.includes(reason));
    if (known) return { code: `revert:${slug(known[0])}`, ...known[1] };
    return { code: "chain-error", message: error.shortMessage, action: "Retry; if it persists, reload the page." };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { code: "unexpected", message, action: "Retry; if it persists, reload the page." };
}
