import { BaseError, ContractFunctionRevertedError, HttpRequestError, UserRejectedRequestError } from "viem";
import type en from "@/messages/en.json";
import { text, untranslated, type Text } from "../i18n/text";

export interface ExplainedError {
  /** Stable, for tests and UI branching. */
  code: string;
  message: Text;
  /** What the owner can do about it. */
  action: Text;
}

type Explanation = Omit<ExplainedError, "code">;

type Explained = { [K in keyof (typeof en)["Reverts"]]: (typeof en)["Reverts"][K] extends { message: string; action: string } ? K : never }[keyof (typeof en)["Reverts"]];

const explained = (name: Explained): Explanation => ({ message: text(`Reverts.${name}.message`), action: text(`Reverts.${name}.action`) });

/** Revert reasons of the ioID contracts and OZ 4 ERC-721, in the owner's words (REFERENCE.md §8; messages: Reverts). */
const reverts: Record<string, Explanation> = {
  "invalid signature": explained("invalidSignature"),
  "device exists": explained("deviceExists"),
  "nft already used": explained("nftAlreadyUsed"),
  "invalid project": explained("invalidProject"),
  "insufficient fund": explained("insufficientFund"),
  "insufficient ioID": explained("insufficientIoID"),
  "empty hash": explained("emptyHash"),
  "device is the zero address": explained("zeroDevice"),
  "user is the zero address": explained("zeroUser"),
  "device not exists": explained("deviceNotExists"),
  "ERC721: caller is not token owner or approved": explained("notApproved"),
  "ERC721: transfer from incorrect owner": explained("incorrectOwner"),
  "ERC721: invalid token ID": explained("invalidTokenId"),
  "ERC721: transfer to non ERC721Receiver implementer": explained("notReceiver"),
};

const retry = text("Reverts.retryAction");

const slug = (reason: string) => reason.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");

/** Any error from a wallet, an RPC node or a contract, turned into something an owner can act on. */
export function explainError(error: unknown): ExplainedError {
  // Wallets that bypass viem reject with a bare EIP-1193 error object: { code: 4001 }.
  const rejectedByProvider = typeof error === "object" && error !== null && (error as { code?: unknown }).code === 4001;
  if (rejectedByProvider || (error instanceof BaseError && error.walk((e) => e instanceof UserRejectedRequestError))) {
    return { code: "user-rejected", ...explained("userRejected") };
  }
  if (error instanceof BaseError) {
    const reverted = error.walk((e) => e instanceof ContractFunctionRevertedError);
    if (reverted instanceof ContractFunctionRevertedError) {
      const reason = reverted.reason ?? reverted.data?.errorName;
      const known = reason ? reverts[reason] : undefined;
      if (reason && known) return { code: `revert:${slug(reason)}`, ...known };
      return {
        code: "revert:unknown",
        message: reason ? text("Reverts.unknown.messageSaying", { reason }) : text("Reverts.unknown.message"),
        action: text("Reverts.unknown.action"),
      };
    }
    if (error.walk((e) => e instanceof HttpRequestError)) {
      return { code: "rpc-unreachable", ...explained("rpcUnreachable") };
    }
    if (/chain mismatch|does not match the target chain/i.test(error.message)) {
      return { code: "wrong-network", ...explained("wrongNetwork") };
    }
    const known = Object.entries(reverts).find(([reason]) => error.message.includes(reason));
    if (known) return { code: `revert:${slug(known[0])}`, ...known[1] };
    return { code: "chain-error", message: untranslated(error.shortMessage), action: retry };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { code: "unexpected", message: untranslated(message), action: retry };
}
